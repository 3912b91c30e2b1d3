import type { StageDefinition } from '../definition.js';

export const execDefinition: StageDefinition = {
  kind: 'exec',
  summary: 'runs a shell command in the repository',
  agents: false,
  ports: [],
  userTree: 'runs',
  guard: 'refresh',
  edges: [],
  settings: 'with-exec',
  failures: {
    exec_failed: 'the command exited non-zero, was killed by a signal, or could not start',
    stage_timeout: 'the command ran past its timeout; its process group was stopped',
  },
};
