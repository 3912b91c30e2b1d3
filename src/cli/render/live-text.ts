/** The titles of the live view's rows: what each stage, loop and agent is doing, in one line. */
import type { AgentRow, LoopRow, RunView, StageRow } from './live-model.js';
import { firstLine, formatDuration, usageText } from '../../util/format.js';

export interface Paint {
  dim(text: string): string;
  yellow(text: string): string;
  red(text: string): string;
  green(text: string): string;
}

const noPaint: Paint = { dim: (t) => t, yellow: (t) => t, red: (t) => t, green: (t) => t };

const since = (start: number | undefined, now: number) => formatDuration(Math.max(0, now - (start ?? now)));
const round = (r?: number) => (r ? ` r${r}` : '');

export function runTitle(v: RunView, now: number, p: Paint = noPaint): string {
  const elapsed = v.durationMs !== undefined ? formatDuration(v.durationMs) : since(v.startedAt, now);
  const usage = usageText(v.tokens, v.costUsd);
  const state = v.status === 'running' || v.status === 'starting' ? '' : ` ${v.status}`;
  return `${v.pipeline}${v.runId ? ` · run ${v.runId}` : ''}${state} ${p.dim(`· ${elapsed}${usage ? ` · ${usage}` : ''}`)}`;
}

export function stageTitle(s: StageRow, now: number, p: Paint = noPaint): string {
  const name = `${s.id}${round(s.round)}`;
  const took = s.durationMs !== undefined ? p.dim(` · ${formatDuration(s.durationMs)}`) : '';
  switch (s.status) {
    case 'waiting':
      return p.dim(`${name} (${s.kind})`);
    case 'running': {
      const done = s.agents.filter((a) => a.state === 'done' || a.state === 'failed').length;
      const agents = s.agents.length > 1 ? ` · ${done} of ${s.agents.length} agents done` : '';
      return `${name} (${s.kind}) ${p.dim(`${since(s.startedAt, now)}${agents}`)}`;
    }
    case 'skipped':
      return p.dim(`${name} skipped${s.note ? ` (${s.note})` : ''}`);
    case 'cancelled':
      return `${name}: cancelled${took}`;
    case 'failed':
      return `${s.note ? decision(s.note, p) : `${name}: failed`}${took}`;
    default:
      return `${s.note ? decision(s.note, p) : `${name}: ok`}${took}`;
  }
}

/** A review's decision stands out: approve in green, reject or needs_owner in yellow. */
function decision(note: string, p: Paint): string {
  return note.replace(/^([^:]+: )(approve|reject|needs_owner)\b/, (_m, head: string, d: string) => head + (d === 'approve' ? p.green(d) : p.yellow(d)));
}

export function loopTitle(l: LoopRow, now: number, p: Paint = noPaint): string {
  if (l.status === 'waiting') return p.dim(`${l.id} (loop)`);
  if (l.status === 'running') return `${l.id}: round ${l.round} of at most ${l.max} ${p.dim(`· ${since(l.startedAt, now)}`)}`;
  return `${l.id}: ${l.status === 'succeeded' ? '' : `${l.status}, `}${l.note ?? ''}`;
}

export function agentTitle(a: AgentRow, now: number, p: Paint = noPaint): string {
  switch (a.state) {
    case 'starting':
      return `${a.label} ${p.dim(`· ${a.runtime} starting`)}`;
    case 'running':
      return `${a.label} ${p.dim(`· ${a.runtime} running ${since(a.startedAt, now)}`)}`;
    case 'asking':
      return `${a.label} · ${p.yellow(`asking${a.detail ? `: ${firstLine(a.detail)}` : ''}`)}`;
    case 'done': {
      const usage = usageText(a.tokens, a.costUsd);
      return `${a.label} ${p.dim(`· ${a.runtime} done in ${formatDuration(a.durationMs)}${usage ? `, ${usage}` : ''}`)}`;
    }
    default:
      return `${a.label} · ${p.red(`${a.runtime} ${a.outcome ?? 'failed'}`)} ${p.dim(`in ${formatDuration(a.durationMs)}`)}`;
  }
}
