import type { StageDefinition } from '../definition.js';

export const planDefinition: StageDefinition = {
  kind: 'plan',
  summary: 'turns the request (or a tasks file) into tasks, each owning its files',
  runtime: 'planner',
  agents: true,
  ports: ['agents', 'git'],
  userTree: 'none',
  guard: 'check',
  edges: [],
  settings: 'with-plan',
  failures: {
    planning_failed: 'the planner failed or returned no usable tasks, or there was nothing to plan',
    invalid_tasks: 'the tasks document is not YAML/JSON or not a list',
    no_tasks: 'the tasks document is empty',
    invalid_task_ids: 'a task has no id, two share one, or an id cannot name a folder',
    invalid_task_files: 'an owned path is empty, absolute, escapes the repository or is reserved',
    invalid_task_prompts: 'a task has no prompt',
    undeclared_task_files: 'a task owns no files',
    duplicate_task_files: 'two tasks own one path',
    dirty_task_files: 'the user has uncommitted changes in owned files',
    invalid_task_runtime: 'a task names a runtime the pipeline does not define',
    not_a_repository: 'the folder is not a git repository with a commit',
    git_dir_tampered: "the user's .git changed while the planner ran",
  },
};
