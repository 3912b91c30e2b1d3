/**
 * The live view of `odw run`: a real flagship run's events replayed into it (frames drawn into a
 * capturing stream), and the odw binary run under a pseudo-terminal, finishing and interrupted.
 */
import { Writable } from 'node:stream';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPipeline } from '../../src/config/load.js';
import { compile } from '../../src/plan/compile.js';
import type { ExecutionPlan } from '../../src/plan/types.js';
import type { RunEvent } from '../../src/ports/events.js';
import { LiveView } from '../../src/cli/render/live.js';
import { rendererKind } from '../../src/cli/render/choose.js';
import { runRejectThenApprove } from '../report/scenario.js';
import type { FlagshipRun } from '../helpers/flagship.js';

// eslint-disable-next-line no-control-regex -- terminal escape sequences are what it strips
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;

/** A terminal-like stream that keeps what was written. */
function screen(): Writable & { text(): string } {
  let written = '';
  const stream = new Writable({ write: (chunk, _enc, done) => ((written += chunk), done()) });
  return Object.assign(stream, { isTTY: true, columns: 160, rows: 60, text: () => written.replace(ANSI, '') });
}

let run: FlagshipRun;
let plan: ExecutionPlan;
const columns = process.stdout.columns;

beforeAll(async () => {
  run = await runRejectThenApprove();
  const loaded = await loadPipeline(join(run.dir, 'pipeline.yml'), { cwd: run.dir });
  if (!loaded.ok) throw new Error('the forked pipeline does not load');
  plan = compile(loaded.pipeline);
  process.stdout.columns = 160;
});

afterAll(() => {
  process.stdout.columns = columns;
});

/** Draws the events into a fresh screen; ends the view (its last frame stays) unless `run_finished` did. */
async function replay(events: RunEvent[]): Promise<string> {
  const out = screen();
  const view = new LiveView(plan, { stdout: out as never, stderr: screen() as never, now: () => events.at(-1)!.ts });
  await view.start();
  for (const e of events) view.emit(e);
  view.end();
  const text = out.text();
  // the last frame: what stays on the terminal
  return text.slice(text.lastIndexOf('parallel-review-apply · run') - 2);
}

describe('the live view', () => {
  it('draws the final frame: every stage with its step, the review rounds inside their loop', async () => {
    expect(run.code).toBe(0);
    const frame = await replay(run.events as RunEvent[]);
    const lines = frame.trim().split('\n');
    expect(lines[0]).toMatch(/^✔ parallel-review-apply · run \S+ succeeded · [\d.]+m?s$/);
    expect(frame).toContain('✔ plan: 3 tasks math,format,docs — Add sum() and a formatter, with docs.');
    expect(frame).toContain('✔ implement r1: 3 tasks, 3 files');
    expect(frame).toContain('✔ rounds: 2 rounds');
    expect(frame).toMatch(/\n {2}✔ review r1: reject blockers=2 — check `node test\/check.mjs` exited with code 1: expected sum\(2, 3\) to be 5 but got -1/);
    expect(frame).toMatch(/\n {2}✔ repair r1: tasks=math \(kept format,docs\)/);
    expect(frame).toMatch(/\n {2}✔ review r2: approve/);
    expect(frame).toMatch(/\n {2}↓ repair r2 skipped \(when: stages\.review\.outputs\.decision == 'reject'\)/);
    expect(frame).toContain('✔ apply: 3 files');
    expect(frame).toContain('✔ verify: ok, tree unchanged');
  });

  it('while agents work: the fanout tasks as subtasks with their state, stages not reached yet waiting', async () => {
    const events = run.events as RunEvent[];
    const first = events.findIndex((e) => e.type === 'agent_finished' && e.stage === 'implement');
    const frame = await replay(events.slice(0, first + 1));
    const done = events.find(
      (e): e is Extract<RunEvent, { type: 'agent_started' }> => e.type === 'agent_started' && e.call === (events[first] as { call: string }).call,
    )!.task!;
    expect(frame).toMatch(/implement \(fanout\) [\d.]+m?s · 1 of 3 agents done/);
    expect(frame).toMatch(new RegExp(`\n {2}✔ ${done} · implementer done in [\\d.]+m?s`));
    for (const other of ['math', 'format', 'docs'].filter((t) => t !== done)) expect(frame).toMatch(new RegExp(`\n {2}\\S ${other} · implementer running`));
    expect(frame).toContain('◼ rounds (loop)');
    expect(frame).toContain('◼ verify (verify)');
  });

  it('shows an agent asking a question, and a failed agent under its stage', async () => {
    const t = run.events[0].ts as number;
    const events: RunEvent[] = [
      { ts: t, type: 'run_started', runId: 'r', pipeline: 'parallel-review-apply' },
      { ts: t, type: 'stage_started', stage: 'plan', kind: 'plan' },
      { ts: t, type: 'stage_finished', stage: 'plan', kind: 'plan', status: 'succeeded', durationMs: 5 },
      { ts: t, type: 'stage_started', stage: 'implement', kind: 'fanout' },
      { ts: t, type: 'agent_started', stage: 'implement', call: '002-implement-a', runtime: 'implementer', task: 'a' },
      { ts: t, type: 'agent_started', stage: 'implement', call: '003-implement-b', runtime: 'implementer', task: 'b' },
      { ts: t, type: 'agent_state', stage: 'implement', call: '002-implement-a', state: 'asking', detail: 'Which file holds the config?' },
      {
        ts: t + 1500,
        type: 'agent_finished',
        stage: 'implement',
        call: '003-implement-b',
        outcome: 'timed_out',
        durationMs: 1500,
        tokens: 1234,
        costUsd: 0.05,
      },
    ];
    const frame = await replay(events);
    expect(frame).toContain('a · asking: Which file holds the config?');
    expect(frame).toContain('✖ b · implementer timed_out in 1.5s');
    expect(frame).toContain('parallel-review-apply · run r · 1.5s · 1,234 tokens, $0.0500');
  });

  it('is used on an interactive terminal only: CI, a dumb terminal or a pipe get plain lines, --json JSON', () => {
    expect(rendererKind({ isTTY: true, env: {} })).toBe('live');
    expect(rendererKind({ isTTY: true, env: { NO_COLOR: '1' } })).toBe('live');
    expect(rendererKind({ isTTY: true, env: { CI: 'true' } })).toBe('plain');
    expect(rendererKind({ isTTY: true, env: { TERM: 'dumb' } })).toBe('plain');
    expect(rendererKind({ isTTY: false, env: {} })).toBe('plain');
    expect(rendererKind({ isTTY: true, env: {} }, true)).toBe('json');
  });
});
