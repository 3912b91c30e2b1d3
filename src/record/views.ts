/** How runs read as text: the `runs list` line, history lines, the `runs show` page. */
import type { AgentCallRecord } from '../ports/agents.js';
import type { HistoryEntry, RunEvent } from '../ports/events.js';
import { formatDuration } from '../cli/render/plain.js';
import type { RunRecord, RunSummary, ShownStatus } from './types.js';

const clip = (text: string, n: number) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);
const firstLine = (text: unknown) => String(text ?? '').split('\n')[0];

export function listLine(s: RunSummary, status: ShownStatus): string {
  const duration = status === 'running' ? 'running' : formatDuration(s.durationMs);
  return `${s.id}  ${status.padEnd(11)} ${duration.padStart(7)}  ${s.pipeline}${s.headline ? `  ${clip(firstLine(s.headline), 100)}` : ''}`;
}

export function historyLine(h: HistoryEntry): string {
  const name = h.stage && h.stage !== h.step ? h.stage : h.step;
  const parts = [`${name}${h.round ? ` r${h.round}` : ''}:`];
  if (h.status === 'skipped') parts.push(`skipped (${h.reason})`);
  else if (h.decision) parts.push(String(h.decision));
  else parts.push(h.ok === false ? String(h.status ?? 'failed') : 'ok');
  if (h.tasks?.length) parts.push(`tasks=${h.tasks.join(',')}`);
  if (h.files) parts.push(`files=${h.files.length}`);
  if (h.blockers?.length) parts.push(`blockers=${h.blockers.length}`);
  const why = h.summary ?? h.error ?? (h.blockers?.length ? blockerText(h.blockers[0]) : undefined);
  return clip(`${parts.join(' ')}${why ? ` — ${firstLine(why)}` : ''}`, 200);
}

function blockerText(b: unknown): string {
  return typeof b === 'string' ? b : String((b as { message?: string })?.message ?? JSON.stringify(b));
}

export function callLine(c: AgentCallRecord): string {
  const where = [c.meta.stage, c.meta.task, c.meta.reviewer, c.meta.round ? `r${c.meta.round}` : ''].filter(Boolean).join(' ');
  const tokens = c.usage ? `, ${c.usage.totalTokens} tokens` : '';
  const cost = c.costUsd ? `, $${c.costUsd.toFixed(4)}` : '';
  const outcome = c.state === 'done' ? c.outcome : c.state;
  return `${where}: ${c.runtime} (${c.agent}) ${outcome} in ${formatDuration(c.durationMs)}${tokens}${cost}${c.error ? ` — ${firstLine(c.error.message)}` : ''}`;
}

export function eventLine(e: RunEvent): string {
  const time = new Date(e.ts).toISOString().slice(11, 19);
  const { ts: _ts, type, ...rest } = e as RunEvent & Record<string, unknown>;
  return `${time} ${type} ${clip(JSON.stringify(rest), 160)}`;
}

export function showText(r: RunRecord, status: ShownStatus, calls: AgentCallRecord[], events: RunEvent[]): string {
  const out = [`Run ${r.id}  ${status}`];
  if (r.error) out.push(`Failure: ${r.error.category}: ${r.error.message}`);
  else if (status === 'interrupted') out.push('Failure: interrupted — the odw process ended before the run finished');
  out.push(`Pipeline: ${r.pipeline.name} (${r.pipeline.file})`);
  out.push(`Started: ${new Date(r.startedAt).toISOString()}   Duration: ${status === 'running' ? 'running' : formatDuration(r.durationMs)}`);
  if (r.headline) out.push(`Outcome: ${r.headline}`);
  const inputs = Object.entries(r.inputs).filter(([, v]) => v !== '' && v !== null);
  if (inputs.length) out.push(`Inputs: ${inputs.map(([k, v]) => `${k}=${clip(firstLine(v), 60)}`).join('  ')}`);
  out.push('', 'History:');
  out.push(...(r.history.length ? r.history.map((h) => `  ${historyLine(h)}`) : ['  (no step finished)']));
  const running = Object.entries(r.stages).filter(([, s]) => s.status === 'running' && s.kind !== 'loop');
  if (running.length) out.push('', 'Running:', ...running.map(([k, s]) => `  ${k} (${s.kind})`));
  if (calls.length) out.push('', 'Agent calls:', ...calls.map((c) => `  ${callLine(c)}`));
  if (events.length) out.push('', 'Last events:', ...events.map((e) => `  ${eventLine(e)}`));
  return out.join('\n');
}
