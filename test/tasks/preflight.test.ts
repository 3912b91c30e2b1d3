import { describe, expect, it } from 'vitest';
import { isProblem, normalizeTasks } from '../../src/tasks/normalize.js';
import { preflightTasks } from '../../src/tasks/preflight.js';
import type { Task } from '../../src/tasks/types.js';

const t = (id: string, files: string[], prompt = 'do it'): Task => ({ id, files, prompt });
const check = (tasks: Task[], opts: Partial<Parameters<typeof preflightTasks>[1]> = {}) => preflightTasks(tasks, { dirty: [], ...opts });

describe('task normalisation', () => {
  it('accepts a list or {tasks}, trims, and maps file to files', () => {
    const r = normalizeTasks({ tasks: [{ id: ' a ', file: 'a.js', prompt: ' go ', title: 'A' }] }, ['implementer'], 'file');
    expect(r).toEqual({ tasks: [{ id: 'a', files: ['a.js'], prompt: 'go', title: 'A' }], notes: [] });
  });

  it('G5: a planner runtime that is not a profile is dropped with a note', () => {
    const r = normalizeTasks([{ id: 'a', files: ['a.js'], prompt: 'x', runtime: 'node' }], ['planner', 'implementer'], 'planner');
    expect(isProblem(r)).toBe(false);
    if (isProblem(r)) return;
    expect(r.tasks[0].runtime).toBeUndefined();
    expect(r.notes[0]).toMatch(/runtime "node" is not a profile/);
  });

  it('an unknown runtime in a tasks file is the user’s mistake', () => {
    const r = normalizeTasks([{ id: 'a', files: ['a.js'], prompt: 'x', runtime: 'gpt' }], ['implementer'], 'file');
    expect(r).toMatchObject({ category: 'invalid_task_runtime' });
  });

  it('gives planner tasks without an id a stable one', () => {
    const r = normalizeTasks([{ files: ['a.js'], prompt: 'x' }], [], 'planner');
    expect(!isProblem(r) && r.tasks[0].id).toBe('task-1');
  });
});

describe('task preflight (seed-behaviour G18)', () => {
  it('invalid_task_ids: missing and duplicate ids', () => {
    expect(check([t('', ['a'])])).toMatchObject({ ok: false, category: 'invalid_task_ids', details: { missingTaskIds: [{ index: 0 }] } });
    expect(check([t('a', ['a']), t('a', ['b'])])).toMatchObject({ ok: false, category: 'invalid_task_ids', details: { duplicateTaskIds: ['a'] } });
  });

  it('invalid_task_ids: an id that cannot name a worktree folder', () => {
    for (const id of ['add verbose', '.hidden', 'a/b', 'ünï']) {
      expect(check([t(id, ['a'])]), id).toMatchObject({ ok: false, category: 'invalid_task_ids', details: { invalidTaskIds: [{ index: 0, id }] } });
    }
    expect(check([t('api.v2_fix-1', ['a'])])).toMatchObject({ ok: true });
  });

  it('invalid_task_prompts', () => {
    expect(check([t('a', ['a'], '  ')])).toMatchObject({ ok: false, category: 'invalid_task_prompts' });
  });

  it.each([
    ['', 'empty_path'],
    ['a\0b', 'nul_byte'],
    ['/etc/passwd', 'absolute_path'],
    ['src\\a.js', 'backslash_path'],
    ['src/../../x', 'path_escape'],
    ['.git/config', 'reserved_path'],
    ['node_modules/x/index.js', 'reserved_path'],
    ['.odw/runs', 'reserved_path'],
  ])('invalid_task_files: %j is %s', (file, error) => {
    expect(check([t('a', [file])])).toMatchObject({ ok: false, category: 'invalid_task_files', details: { task: 'a', error } });
  });

  it('normalises a/./b to a/b', () => {
    expect(check([t('a', ['src/./a.js'])])).toEqual({ ok: true, tasks: [t('a', ['src/a.js'])] });
  });

  it('undeclared_task_files unless allowed', () => {
    expect(check([t('a', [])])).toMatchObject({ ok: false, category: 'undeclared_task_files' });
    expect(check([t('a', [])], { allowUndeclaredFiles: true })).toMatchObject({ ok: true });
  });

  it('duplicate_task_files: the same path, or a path inside another task’s glob', () => {
    expect(check([t('a', ['src/x.js']), t('b', ['src/x.js'])])).toMatchObject({
      ok: false,
      category: 'duplicate_task_files',
      details: [{ file: 'src/x.js', tasks: ['a', 'b'] }],
    });
    expect(check([t('a', ['src/**']), t('b', ['src/y.js'])])).toMatchObject({
      ok: false,
      category: 'duplicate_task_files',
      details: [{ file: 'src/y.js', tasks: ['a', 'b'] }],
    });
    expect(check([t('a', ['src/x.js']), t('b', ['src/x.js'])], { allowSharedFiles: true })).toMatchObject({ ok: true });
  });

  it('a plain path owns the folder under it: shared and dirty files inside it are found', () => {
    expect(check([t('a', ['src']), t('b', ['src/y.js'])])).toMatchObject({
      ok: false,
      category: 'duplicate_task_files',
      details: [{ file: 'src/y.js', tasks: ['a', 'b'] }],
    });
    expect(check([t('a', ['src']), t('b', ['srcx/y.js'])])).toMatchObject({ ok: true });
    expect(check([t('a', ['lib']), t('b', ['README.md'])], { dirty: ['lib/new.js', 'library.js'] })).toMatchObject({
      ok: false,
      category: 'dirty_task_files',
      details: { files: ['lib/new.js'] },
    });
  });

  it('dirty_task_files: owned files with uncommitted changes', () => {
    const r = check([t('a', ['src/**']), t('b', ['README.md'])], { dirty: ['src/x.js', 'other.txt'] });
    expect(r).toMatchObject({ ok: false, category: 'dirty_task_files', details: { files: ['src/x.js'] } });
  });

  it('a task that owns no files (allowUndeclaredFiles) may change any unowned file: every dirty file is at stake', () => {
    expect(check([t('a', ['src/**']), t('b', [])], { dirty: [], allowUndeclaredFiles: true })).toMatchObject({ ok: true });
    const r = check([t('a', ['src/**']), t('b', [])], { dirty: ['notes.txt'], allowUndeclaredFiles: true });
    expect(r).toMatchObject({ ok: false, category: 'dirty_task_files', details: { files: ['notes.txt'] } });
  });
});
