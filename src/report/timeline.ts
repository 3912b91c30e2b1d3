/**
 * The run on a time axis: one bar per stage run (loop rounds apart) and, under each, one bar per
 * agent call it made. Pure: returns rows and ticks; templates/timeline.hbs draws them as SVG.
 */
import type { AgentCallRecord } from '../ports/agents.js';
import type { RunRecord } from '../record/types.js';
import { formatDuration } from '../util/format.js';
import { callWhere } from '../record/views.js';

export interface Bar {
  x: number;
  y: number;
  w: number;
  label: string;
  status: string;
  /** Hover text: what ran, how long, how it ended. */
  tip: string;
  agent: boolean;
}

export interface TimelinePicture {
  width: number;
  height: number;
  axisY: number;
  left: number;
  bars: Bar[];
  ticks: { x: number; label: string }[];
}

const LEFT = 230;
const PLOT = 900;
const ROW = 22;
const TOP = 8;

export function drawTimeline(record: RunRecord, calls: AgentCallRecord[], now = Date.now()): TimelinePicture {
  const t0 = record.startedAt;
  const end = Math.max(
    record.finishedAt ?? now,
    ...calls.map((c) => c.finishedAt ?? c.startedAt),
    ...Object.values(record.stages).map((s) => s.finishedAt ?? s.startedAt ?? t0),
  );
  const span = Math.max(1, end - t0);
  const xOf = (t: number) => LEFT + ((t - t0) / span) * PLOT;
  const bars: Bar[] = [];
  const stages = Object.entries(record.stages)
    .filter(([, s]) => s.startedAt !== undefined && s.kind !== 'loop')
    .sort(([, a], [, b]) => a.startedAt! - b.startedAt!);
  const used = new Set<AgentCallRecord>();
  const row = (label: string, start: number, stop: number | undefined, status: string, tip: string, agent: boolean) => {
    const x = xOf(start);
    bars.push({ x, y: TOP + bars.length * ROW, w: Math.max(2, xOf(stop ?? end) - x), label, status, tip, agent });
  };
  for (const [key, s] of stages) {
    const [id, round] = key.split('@r');
    row(`${id}${round ? ` r${round}` : ''} (${s.kind})`, s.startedAt!, s.finishedAt, s.status, `${key}: ${s.status} in ${formatDuration(s.durationMs)}`, false);
    // a stage run's calls: its own, started while it ran (implement and repair number rounds their own way)
    for (const c of calls.filter((c) => c.meta.stage === id && c.startedAt >= s.startedAt! && c.startedAt <= (s.finishedAt ?? end) && !used.has(c))) {
      used.add(c);
      const outcome = c.state === 'done' ? (c.outcome ?? 'done') : c.state;
      const status = c.state !== 'done' ? 'running' : c.outcome === 'ok' ? 'succeeded' : 'failed';
      row(
        c.meta.task ?? c.meta.reviewer ?? c.runtime,
        c.startedAt,
        c.finishedAt,
        status,
        `${callWhere(c)}: ${c.runtime} ${outcome} in ${formatDuration(c.durationMs)}`,
        true,
      );
    }
  }
  const axisY = TOP + bars.length * ROW + 6;
  return {
    width: LEFT + PLOT + 40,
    height: axisY + 26,
    axisY,
    left: LEFT,
    bars,
    ticks: ticks(span).map((t) => ({ x: xOf(t0 + t), label: formatDuration(t) })),
  };
}

/** About five round-numbered ticks across the run. */
function ticks(span: number): number[] {
  const steps = [100, 200, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000];
  const step = steps.find((s) => span / s <= 6) ?? 7_200_000;
  const out: number[] = [];
  for (let t = 0; t <= span; t += step) out.push(t);
  return out;
}
