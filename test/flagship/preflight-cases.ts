/** Task lists the preflight refuses, one per category and path error (shared by the failure tests and G18). */
import { expect } from 'vitest';
import { runFlagship } from '../helpers/flagship.js';
import { demoFiles, goodTwoTasks, task, twoTasks } from './scenarios.js';

const alpha = twoTasks[0];
const beta = twoTasks[1];

export interface PreflightCase {
  name: string;
  tasks: unknown[];
  category: string;
  message: RegExp;
  details?: unknown;
  dirty?: Record<string, string>;
}

export const preflightCases: PreflightCase[] = [
  {
    name: 'a task without an id',
    tasks: [{ files: ['src/a.js'], prompt: 'Do it.' }, beta],
    category: 'invalid_task_ids',
    message: /1 task\(s\) without an id/,
    details: { missingTaskIds: [{ index: 0 }], duplicateTaskIds: [] },
  },
  {
    name: 'two tasks with one id',
    tasks: [alpha, { ...beta, id: 'alpha' }],
    category: 'invalid_task_ids',
    message: /duplicate ids: alpha/,
    details: { missingTaskIds: [], duplicateTaskIds: ['alpha'] },
  },
  {
    name: 'an id that cannot name a folder',
    tasks: [alpha, { ...beta, id: 'add beta' }],
    category: 'invalid_task_ids',
    message: /ids that are not plain names: "add beta"/,
    details: { missingTaskIds: [], duplicateTaskIds: [], invalidTaskIds: [{ index: 1, id: 'add beta' }] },
  },
  ...(
    [
      ['empty_path', '  '],
      ['nul_byte', 'src/a\u0000.js'],
      ['absolute_path', '/etc/hosts'],
      ['backslash_path', 'src\\a.js'],
      ['path_escape', 'src/../../outside.js'],
      ['reserved_path', '.git/config'],
      ['reserved_path', 'lib/node_modules/x.js'],
    ] as const
  ).map(([error, file]) => ({
    name: `an owned path with ${error} (${JSON.stringify(file)})`,
    tasks: [alpha, task('beta', [file])],
    category: 'invalid_task_files',
    message: new RegExp(`task beta: owned path .* is invalid \\(${error}\\)`),
    details: expect.objectContaining({ task: 'beta', file, error }),
  })),
  { name: 'an empty prompt', tasks: [alpha, { ...beta, prompt: '   ' }], category: 'invalid_task_prompts', message: /task beta has no prompt/ },
  { name: 'a task that owns no files', tasks: [alpha, task('beta', [])], category: 'undeclared_task_files', message: /task beta owns no files/ },
  {
    name: 'two owners of one file (a glob and a path)',
    tasks: [task('alpha', ['src/**']), beta],
    category: 'duplicate_task_files',
    message: /src\/b\.js is owned by alpha and beta/,
  },
  {
    name: 'an owned file with uncommitted changes',
    tasks: twoTasks,
    dirty: { 'src/b.js': '// my work in progress\n' },
    category: 'dirty_task_files',
    message: /owned files have uncommitted changes: src\/b\.js/,
  },
  {
    name: 'an untracked file inside an owned folder',
    tasks: [alpha, task('beta', ['lib'])],
    dirty: { 'lib/new.js': 'draft\n' },
    category: 'dirty_task_files',
    message: /lib\/new\.js/,
  },
  {
    name: 'a runtime that is not a profile',
    tasks: [alpha, { ...beta, runtime: 'gpu' }],
    category: 'invalid_task_runtime',
    message: /task beta: runtime "gpu" is not a profile of this pipeline \(profiles: planner, implementer, reviewer\)/,
  },
];

/** A tasks-file run that must stop at preflight. */
export async function runPreflight(c: PreflightCase) {
  return runFlagship({
    files: demoFiles,
    scenario: goodTwoTasks,
    tasks: c.tasks,
    prepare: async (repo) => {
      for (const [path, content] of Object.entries(c.dirty ?? {})) await repo.write(path, content);
    },
  });
}
