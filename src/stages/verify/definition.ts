import type { StageDefinition } from '../definition.js';

export const verifyDefinition: StageDefinition = {
  kind: 'verify',
  summary: "runs the check on the user's tree after apply; the tree must not change",
  agents: false,
  ports: ['git'],
  userTree: 'runs',
  guard: 'check',
  edges: [],
  settings: 'with-verify',
  failures: {
    verification_failed: "the check fails on the user's tree",
    verification_mutated_worktree: "the check wrote to the user's tree; odw put it back",
    git_dir_tampered: "the user's .git changed while the check ran",
  },
};
