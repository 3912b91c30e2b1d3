import { PATCH_KINDS, type StageDefinition } from '../definition.js';

export const fanoutDefinition: StageDefinition = {
  kind: 'fanout',
  summary: "implements a plan's tasks in parallel, one agent per task in its own workspace",
  runtime: 'implementer',
  agents: true,
  ports: ['agents', 'git', 'executor', 'replay'],
  userTree: 'none',
  guard: 'check',
  edges: [
    { key: 'plan', kinds: ['plan'], many: false, required: true, verb: 'implements the tasks of a plan stage' },
    { key: 'seedFrom', kinds: PATCH_KINDS, many: true, required: false, verb: 'starts its workspaces from the patches of fanout or repair stages' },
  ],
  settings: 'with-fanout',
  failures: {
    no_tasks: 'its plan stage produced no tasks (it was skipped)',
    no_changes: 'no task changed any file',
    workspace_setup_failed: 'a workspace.setup command failed',
    workspace_prepare_failed: 'a workspace copy or link entry is outside the repository',
    git_dir_tampered: "the user's .git changed while the implementers ran",
  },
};
