import type { StageDefinition } from '../definition.js';

export const repairDefinition: StageDefinition = {
  kind: 'repair',
  summary: "sends the tasks a review's blockers point at back to their implementers",
  runtime: 'implementer',
  agents: true,
  ports: ['agents', 'git', 'executor', 'replay'],
  userTree: 'none',
  guard: 'check',
  edges: [{ key: 'review', kinds: ['review'], many: false, required: true, verb: 'repairs what a review stage rejected', backlink: 'repairs' }],
  settings: 'with-repair',
  failures: {
    no_review: 'its review stage has not run or was skipped',
    git_dir_tampered: "the user's .git changed while the implementers ran",
  },
};
