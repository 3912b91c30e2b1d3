import { PATCH_KINDS, type StageDefinition } from '../definition.js';

export const reviewDefinition: StageDefinition = {
  kind: 'review',
  summary: 'judges a candidate change (patches of fanouts and repairs, or an existing change) with the check and reviewers',
  runtime: 'reviewer',
  agentList: 'reviewers',
  agents: true,
  ports: ['agents', 'git'],
  userTree: 'none',
  guard: 'check',
  edges: [{ key: 'from', kinds: PATCH_KINDS, many: true, required: true, verb: 'reviews the patches of fanout or repair stages' }],
  settings: 'with-review',
  failures: {
    implementation_pre_review_blocked: 'in the last round a task still failed or wrote outside its files',
    review_rounds_exhausted: 'still rejected in the last round',
    review_rejected: 'a review of an existing change was rejected (the check or a reviewer)',
    needs_owner: 'a reviewer asks a question only the user can answer',
    review_workspace_failed: 'the combined candidate could not be applied in a fresh workspace',
    no_candidate: 'a stage its from names produced no candidate, or the candidates cannot be combined',
    nothing_to_review: 'the existing change to review is empty',
    unknown_base: 'the base of an existing change names no commit, is empty, or shares no history',
    workspace_setup_failed: 'a workspace.setup command failed',
    workspace_prepare_failed: 'a workspace copy or link entry is outside the repository',
    git_dir_tampered: "the user's .git changed while the reviewers ran",
  },
};
