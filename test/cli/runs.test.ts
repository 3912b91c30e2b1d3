/**
 * `odw runs list` and `odw runs show` on real flagship runs (approved after a repair; failed in
 * planning), and `runs list` on a repository with thousands of recorded runs.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { odw } from '../helpers/cli.js';
import { runFlagship, type FlagshipRun } from '../helpers/flagship.js';
import { tempDir } from '../helpers/tmp.js';
import { files, inputs, rejectThenApprove, runRejectThenApprove } from '../report/scenario.js';

let approved: FlagshipRun;

beforeAll(async () => {
  approved = await runRejectThenApprove();
});

describe('odw run with plain output (CI, pipes)', () => {
  it('prints one line per event, and each workflow step in its own words', () => {
    const out = approved.stdout;
    expect(out).toMatch(/\n {2}· implement math: implementer started\n/);
    expect(out).toMatch(/\n {2}· review correctness: ok in [\d.]+m?s\n/);
    expect(out).toMatch(/\n✓ plan succeeded in [\d.]+m?s\n {2}plan: 3 tasks math,format,docs — Add sum\(\) and a formatter, with docs\.\n/);
    expect(out).toMatch(
      /\n✓ review \(round 1\) succeeded in [\d.]+m?s\n {2}review r1: reject blockers=2 — check `node test\/check\.mjs` exited with code 1: expected sum\(2, 3\) to be 5 but got -1\n/,
    );
    expect(out).toContain('\n  repair r1: tasks=math (kept format,docs) — blocker names src/math.js\n');
    expect(out).toContain('\n  review r2: approve\n');
    expect(out).toContain('\n  verify: ok, tree unchanged\n');
  });
});

describe('odw runs show', () => {
  it('tells the flagship run step by step, then its agent calls and last events', async () => {
    expect(approved.code).toBe(0);
    const r = await odw(['runs', 'show', 'latest'], { cwd: approved.repo.dir });
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(`Run ${approved.record.id}  succeeded`);
    expect(lines).toContain('Outcome: approved in round 2, 3 files applied');
    const history = lines.slice(lines.indexOf('History:') + 1, lines.indexOf('', lines.indexOf('History:')));
    expect(history).toEqual([
      '  plan: 3 tasks math,format,docs — Add sum() and a formatter, with docs.',
      '  implement r1: 3 tasks, 3 files',
      '  review r1: reject blockers=2 — check `node test/check.mjs` exited with code 1: expected sum(2, 3) to be 5 but got -1',
      '  repair r1: tasks=math (kept format,docs) — blocker names src/math.js',
      '  review r2: approve',
      '  apply: 3 files',
      '  verify: ok, tree unchanged',
    ]);
    const routing = lines.slice(lines.indexOf('Repair routing:') + 1, lines.indexOf('', lines.indexOf('Repair routing:')));
    expect(routing).toEqual([
      '  after round 1: sent back math (kept format, docs)',
      '    math: [blocker-file] blocker names src/math.js',
      '      blocker: src/math.js returns a - b instead of a + b, so formatSum prints the wrong total',
      '      evidence: file: src/math.js',
      '    math: [defined-symbol] sum: defined in its diff',
      '      blocker: check `node test/check.mjs` exited with code 1: expected sum(2, 3) to be 5 but got -1',
      '      evidence: expected sum(2, 3) to be 5 but got -1',
    ]);
    const calls = lines.slice(lines.indexOf('Agent calls:') + 1, lines.indexOf('', lines.indexOf('Agent calls:')));
    expect(calls).toHaveLength(9);
    expect(calls[0]).toMatch(/^ {2}plan: planner \(command\) ok in [\d.]+m?s$/);
    expect(calls).toContainEqual(expect.stringMatching(/^ {2}review correctness r1: reviewer \(command\) ok in /));
    expect(calls).toContainEqual(expect.stringMatching(/^ {2}repair math r2: implementer \(command\) ok in /));
    expect(lines).toContain('Last events:');
    expect(r.stdout).toMatch(/\n {2}\d\d:\d\d:\d\d run_finished \{"status":"succeeded"/);
    expect(lines.filter(Boolean).at(-1)).toBe(`Report: odw report ${approved.record.id} (.odw/runs/${approved.record.id}/report.html)`);
  });

  it('--json gives the record, its calls and its events as one object', async () => {
    const r = await odw(['runs', 'show', approved.record.id, '--json', '--tail', '3'], { cwd: approved.repo.dir });
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ id: approved.record.id, status: 'succeeded', headline: 'approved in round 2, 3 files applied' });
    expect(json.calls).toHaveLength(9);
    expect(json.events.map((e: { type: string }) => e.type)).toEqual(['stage_finished', 'history', 'run_finished']);
  });

  it('a run that failed in planning: its headline, and the failure first', async () => {
    const failed = await runFlagship({ files, scenario: { ...rejectThenApprove, plan: { exit: 3, stderr: 'planner is out of ideas' } }, inputs });
    expect(failed.code).toBe(1);
    const show = await odw(['runs', 'show'], { cwd: failed.repo.dir });
    const lines = show.stdout.split('\n');
    expect(lines[0]).toBe(`Run ${failed.record.id}  failed`);
    const cause = 'the planner: node exited with code 3: planner is out of ideas (exit_code)';
    expect(lines[1]).toBe(`Failure: planning_failed: stage plan: ${cause}`);
    expect(lines).toContain(`  plan: failed — planning_failed: ${cause}`);
    const list = await odw(['runs', 'list'], { cwd: failed.repo.dir });
    // the headline is cut to keep the line short; runs show has it all
    expect(list.stdout.trim()).toMatch(
      new RegExp(
        `^${failed.record.id} {2}failed +[\\d.]+m?s {2}parallel-review-apply {2}failed: planning_failed — stage plan: the planner: node exited with code 3: planner is out of ideas…$`,
      ),
    );
  });
});

describe('odw runs list', () => {
  it('one line per run, newest first, with its outcome; --json for scripts', async () => {
    const r = await odw(['runs', 'list'], { cwd: approved.repo.dir });
    expect(r.stdout.trim()).toMatch(
      new RegExp(`^${approved.record.id} {2}succeeded +[\\d.]+m?s {2}parallel-review-apply {2}approved in round 2, 3 files applied$`),
    );
    const json = JSON.parse((await odw(['runs', 'list', '--json'], { cwd: approved.repo.dir })).stdout);
    expect(json.runs).toEqual([
      expect.objectContaining({
        id: approved.record.id,
        status: 'succeeded',
        pipeline: 'parallel-review-apply',
        headline: 'approved in round 2, 3 files applied',
      }),
    ]);
  });

  it('runs started in the same second are listed by their start time', async () => {
    const repo = tempDir();
    const runs = join(repo, '.odw/runs');
    const started = Date.UTC(2026, 0, 1, 12, 0, 0);
    // the first run got the larger random suffix
    const lines = [
      { id: '20260101-120000-ffff', startedAt: started + 100, headline: 'first' },
      { id: '20260101-120000-0000', startedAt: started + 700, headline: 'second' },
    ].map((r) => {
      mkdirSync(join(runs, r.id), { recursive: true });
      writeFileSync(join(runs, r.id, 'run.json'), '{}');
      return JSON.stringify({ ...r, status: 'succeeded', pipeline: 'p', durationMs: 5 });
    });
    writeFileSync(join(runs, 'index.jsonl'), `${lines.join('\n')}\n`);
    const list = JSON.parse((await odw(['runs', 'list', '--json'], { cwd: repo })).stdout);
    expect(list.runs.map((r: { headline: string }) => r.headline)).toEqual(['second', 'first']);
  });

  it('stays fast with 3000 runs: reads the index, not every run folder', async () => {
    const repo = tempDir();
    const runs = join(repo, '.odw/runs');
    mkdirSync(runs, { recursive: true });
    const start = Date.UTC(2026, 0, 1);
    const index: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const id = `${new Date(start + i * 60_000).toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')}-${(i % 65536).toString(16).padStart(4, '0')}`;
      mkdirSync(join(runs, id));
      // run.json is not read for the list: a broken one changes nothing
      writeFileSync(join(runs, id, 'run.json'), i === 2999 ? '{ broken' : '{}');
      const base = { id, pipeline: 'parallel-review-apply', startedAt: start + i * 60_000, pid: 1 };
      index.push(JSON.stringify({ ...base, status: 'running' }));
      index.push(
        JSON.stringify({
          ...base,
          status: i % 3 ? 'succeeded' : 'failed',
          durationMs: 61_000 + i,
          headline: i % 3 ? `approved in round 1, ${i} files applied` : `failed: planning_failed — run ${i}`,
        }),
      );
    }
    writeFileSync(join(runs, 'index.jsonl'), `${index.join('\n')}\n`);
    const newest = JSON.parse(index.at(-1)!).id as string;
    rmSync(join(runs, JSON.parse(index.at(-3)!).id), { recursive: true }); // a folder removed by hand

    const t0 = Date.now();
    const r = await odw(['runs', 'list'], { cwd: repo });
    const took = Date.now() - t0;
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(21);
    expect(lines[0]).toMatch(new RegExp(`^${newest} {2}succeeded +1m\\ds {2}parallel-review-apply {2}approved in round 1, 2999 files applied$`));
    expect(lines[1]).toMatch(/ failed .* failed: planning_failed — run 2997$/);
    expect(lines[2]).toMatch(/ succeeded .* approved in round 1, 2996 files applied$/);
    expect(lines[20]).toBe('… 2979 older (use --limit 0 to show all)');
    expect(took).toBeLessThan(2500);
    const all = await odw(['runs', 'list', '--limit', '0', '--json'], { cwd: repo });
    expect(JSON.parse(all.stdout).runs).toHaveLength(2999);
  });

  it('show latest: the newest run still recorded, past a torn last line of the index', async () => {
    const repo = tempDir();
    const runs = join(repo, '.odw/runs');
    const started = Date.UTC(2026, 0, 1, 12, 0, 0);
    const index = ['a', 'b', 'c'].map((name, i) => {
      const id = `20260101-12000${i}-000${i}`;
      if (name !== 'c') {
        mkdirSync(join(runs, id), { recursive: true });
        const record = {
          id,
          status: 'succeeded',
          pipeline: { file: 'p.yml', name: 'p' },
          repo,
          startedAt: started + i * 1000,
          durationMs: 5,
          inputs: {},
          stages: {},
          history: [],
          headline: `run ${name}`,
        };
        writeFileSync(join(runs, id, 'run.json'), JSON.stringify(record));
      }
      return `${JSON.stringify({ id, status: 'succeeded', pipeline: 'p', startedAt: started + i * 1000, durationMs: 5, headline: `run ${name}` })}\n`;
    });
    // run c's folder was removed by hand; a killed writer left half a line for run a, which is now
    // the newest line: the last whole line of each run wins
    const torn = JSON.stringify({ id: '20260101-120000-0000', status: 'running', pipeline: 'p', startedAt: started + 9000 }).slice(0, 40);
    mkdirSync(runs, { recursive: true });
    writeFileSync(join(runs, 'index.jsonl'), index.join('') + torn);
    const shown = await odw(['runs', 'show', 'latest', '--json'], { cwd: repo });
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({ id: '20260101-120001-0001', headline: 'run b', status: 'succeeded' });
    const list = await odw(['runs', 'list', '--limit', '1'], { cwd: repo });
    expect(list.stdout).toMatch(/^20260101-120001-0001 {2}succeeded .* {2}run b\n… 1 older \(use --limit 0 to show all\)\n$/);
  });
});
