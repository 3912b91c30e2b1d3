import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/adapters/clock.js';
import { RunHandle } from '../../src/record/run-handle.js';
import { listRuns, readRun, shownStatus } from '../../src/record/read.js';
import { writeJsonAtomic } from '../../src/util/fs.js';
import { tempDir } from '../helpers/tmp.js';

let tick = Date.UTC(2026, 10, 26, 12, 0, 0);
const clock = { now: () => (tick += 1000), sleep: systemClock.sleep };
const create = (repo: string, env: NodeJS.ProcessEnv = {}) =>
  RunHandle.create({ repo, pipeline: { file: join(repo, 'p.yml'), name: 'p' }, inputs: {}, clock, env });

describe('run records', () => {
  it('keeps .odw out of git status and writes run.json and events.jsonl', () => {
    const repo = tempDir();
    const run = create(repo);
    run.finish('succeeded', undefined, 'all good');
    expect(readFileSync(join(repo, '.odw', '.gitignore'), 'utf8')).toMatch(/^\/runs\/$/m);
    const record = JSON.parse(readFileSync(join(run.dir, 'run.json'), 'utf8'));
    expect(record).toMatchObject({ id: run.id, status: 'succeeded', headline: 'all good' });
    const events = readFileSync(join(run.dir, 'events.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(events.map((e) => e.type)).toEqual(['run_started', 'run_finished']);
  });

  it('lists runs newest first from the index and resolves latest', () => {
    const repo = tempDir();
    const a = create(repo);
    a.finish('failed', { category: 'x', message: 'y' });
    const b = create(repo);
    b.finish('succeeded');
    expect(listRuns(repo).map((s) => s.id)).toEqual([b.id, a.id]);
    expect(listRuns(repo)[1]).toMatchObject({ id: a.id, status: 'failed' });
    expect(readRun(repo, 'latest').id).toBe(b.id);
    expect(() => readRun(repo, 'nope')).toThrow(/no run "nope"/);
  });

  it('shows a running record whose process is gone as interrupted', () => {
    const repo = tempDir();
    const run = create(repo);
    const record = JSON.parse(readFileSync(join(run.dir, 'run.json'), 'utf8'));
    expect(shownStatus(record)).toBe('running');
    writeJsonAtomic(join(run.dir, 'run.json'), { ...record, pid: 2 ** 22 + 7 });
    expect(shownStatus(readRun(repo, run.id))).toBe('interrupted');
  });

  it('keeps the newest ODW_RUNS_KEEP runs and never the current or a live one', () => {
    const repo = tempDir();
    const live = create(repo); // still running, and this process is alive
    const done = [1, 2, 3, 4].map(() => {
      const r = create(repo, { ODW_RUNS_KEEP: '2' });
      r.finish('succeeded');
      return r.id;
    });
    const current = create(repo, { ODW_RUNS_KEEP: '2' });
    const dirs = readdirSync(join(repo, '.odw', 'runs'))
      .filter((d) => !d.endsWith('.jsonl'))
      .sort();
    expect(dirs).toEqual([live.id, done[3], current.id].sort());
    expect(listRuns(repo).map((s) => s.id)).toEqual([current.id, done[3], live.id]);
    expect(existsSync(join(repo, '.odw', 'runs', done[0]))).toBe(false);
  });

  it('ODW_RUNS_KEEP=0 keeps every run', () => {
    const repo = tempDir();
    for (let i = 0; i < 4; i++) create(repo, { ODW_RUNS_KEEP: '0' }).finish('succeeded');
    expect(listRuns(repo)).toHaveLength(4);
  });
});
