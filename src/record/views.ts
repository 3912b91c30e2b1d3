/** How runs read as text: the `runs list` line, history lines, the `runs show` page. */
import type { AgentCallRecord } from '../ports/agents.js';
import type { HistoryEntry, RunEvent } from '../ports/events.js';
import { clip, firstLine, formatDuration, leadLine, usageText } from '../util/format.js';
import { repairRouting } from './repair-view.js';
import type { RunRecord, RunSummary, ShownStatus } from './types.js';
import type { Json } from '../util/json.js';

export function listLine(s: RunSummary, status: ShownStatus): string {
  const duration = status === 'running' ? 'running' : formatDuration(s.durationMs);
  return `${s.id}  ${status.padEnd(11)} ${duration.padStart(7)}  ${s.pipeline}${s.headline ? `  ${clip(firstLine(s.headline), 100)}` : ''}`;
}

type Entry = HistoryEntry & Json;
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The workflow steps of the shipped stage kinds, each in its own words. */
const STEPS: Record<string, (h: Entry) => string> = {
  plan: (h) =>
    h.ok === false
      ? `failed — ${firstLine(h.error)}`
      : `${count(list(h.tasks).length, 'task')} ${list(h.tasks).join(',')}${h.summary ? ` — ${firstLine(h.summary)}` : ''}`,
  implement: (h) => {
    const parts = [count(list(h.tasks).length, 'task'), count(list(h.files).length, 'file')];
    if (list(h.failed).length) parts.push(`failed=${list(h.failed).join(',')}`);
    const scope = (h.scope as { task: string; file: string }[] | undefined) ?? [];
    if (scope.length) parts.push(`outside scope: ${scope.map((s) => `${s.task} ${s.file}`).join(', ')}`);
    return parts.join(', ') + (h.ok === false && !list(h.failed).length && !scope.length ? ' — failed' : '');
  },
  review: (h) => {
    const blockers = h.blockers ?? [];
    const first = blockers.length ? ` — ${leadLine(blockerText(blockers[0]))}` : '';
    return `${h.decision ?? 'failed'}${blockers.length ? ` blockers=${blockers.length}` : ''}${first}`;
  },
  repair: (h) => {
    const kept = list(h.kept);
    const why = (h.reasons as { why?: string }[] | undefined)?.[0]?.why;
    return `tasks=${list(h.tasks).join(',')}${kept.length ? ` (kept ${kept.join(',')})` : ''}${h.ok === false ? ', failed' : ''}${why ? ` — ${firstLine(why)}` : ''}`;
  },
  apply: (h) => {
    if (h.ok === false) return `failed${h.error ? ` — ${firstLine(h.error)}` : ''}`;
    const commit = h.commit as { sha?: string; branch?: string } | string | undefined;
    const sha = typeof commit === 'string' ? commit : commit?.sha;
    const warned = list(h.warnings).length ? ` — warning: ${list(h.warnings).join('; ')}` : '';
    return `${count(list(h.files).length, 'file')}${sha ? `, committed ${sha.slice(0, 12)}${typeof commit === 'object' && commit.branch ? ` on ${commit.branch}` : ''}` : ''}${warned}`;
  },
  verify: (h) => {
    const guard = h.guard as { changed?: boolean; modified?: string[]; added?: string[]; removed?: string[] } | undefined;
    const check = h.check as { exitCode?: number | null } | undefined;
    if (!guard) return `${h.ok === false ? 'failed' : 'ok'}${h.summary ? ` — ${firstLine(h.summary)}` : ''}`;
    const checked = check && check.exitCode !== 0 ? `failed (exit ${check.exitCode ?? 'killed'})` : 'ok';
    const changed = [...(guard.modified ?? []), ...(guard.added ?? []), ...(guard.removed ?? [])];
    return `${checked}, ${guard.changed ? `the check changed ${changed.join(', ')} (restored)` : 'tree unchanged'}`;
  },
};

/** One line per workflow step, e.g. `review r1: reject blockers=2 — <first blocker>`. */
export function historyLine(h: HistoryEntry, name?: string): string {
  const e = h as Entry;
  const shipped = !e.stage && STEPS[e.step];
  const head = `${name ?? e.stage ?? e.step}${e.round ? ` r${e.round}` : ''}:`;
  if (e.status === 'skipped') return clip(`${head} skipped (${e.reason})`, 200);
  if (shipped) return clip(`${head} ${shipped(e)}`, 200);
  if (e.step === 'loop') return clip(`${head} ${e.ok === false ? `${e.status ?? 'failed'} — ` : ''}${e.summary ?? ''}`, 200);
  const parts = [head];
  if (e.decision) parts.push(String(e.decision));
  else parts.push(e.ok === false ? String(e.status ?? 'failed') : 'ok');
  if (e.tasks?.length) parts.push(`tasks=${e.tasks.join(',')}`);
  if (e.files) parts.push(`files=${e.files.length}`);
  if (e.blockers?.length) parts.push(`blockers=${e.blockers.length}`);
  const why = e.summary ?? e.error ?? (e.blockers?.length ? blockerText(e.blockers[0]) : undefined);
  return clip(`${parts.join(' ')}${why ? ` — ${firstLine(why)}` : ''}`, 200);
}

/** A loop that simply ended by its `until` says nothing its rounds' lines do not. */
export function shownInHistory(h: HistoryEntry): boolean {
  return !(h.step === 'loop' && h.ok !== false && / until /.test(String(h.summary ?? '')));
}

function blockerText(b: unknown): string {
  return typeof b === 'string' ? b : String((b as { message?: string })?.message ?? JSON.stringify(b));
}

export function callWhere(c: AgentCallRecord): string {
  return [c.meta.stage, c.meta.task, c.meta.reviewer, c.meta.round ? `r${c.meta.round}` : ''].filter(Boolean).join(' ');
}

function callLine(c: AgentCallRecord): string {
  const usage = usageText(c.usage?.totalTokens, c.costUsd);
  const outcome = c.state === 'done' ? c.outcome : c.state;
  const worker = c.worker ? ` on worker ${c.worker.name}${c.worker.attempts > 1 ? ` (attempt ${c.worker.attempts})` : ''}` : '';
  return `${callWhere(c)}: ${c.runtime} (${c.agent}) ${outcome} in ${formatDuration(c.durationMs)}${worker}${usage ? `, ${usage}` : ''}${c.error ? ` — ${firstLine(c.error.message)}` : ''}`;
}

function eventLine(e: RunEvent): string {
  const time = new Date(e.ts).toISOString().slice(11, 19);
  const { ts: _ts, type, ...rest } = e as RunEvent & Record<string, unknown>;
  return `${time} ${type} ${clip(JSON.stringify(rest), 160)}`;
}

function totals(calls: AgentCallRecord[]): string {
  const tokens = calls.reduce((n, c) => n + (c.usage?.totalTokens ?? 0), 0);
  const cost = calls.reduce((n, c) => n + (c.costUsd ?? 0), 0);
  const usage = usageText(tokens, cost);
  return calls.length ? `   Agents: ${count(calls.length, 'call')}${usage ? `, ${usage}` : ''}` : '';
}

/**
 * The last check, when it failed: what its output shows (the excerpt a review's blocker carries;
 * a failed verify's is in the run's Failure line) and where the whole output is.
 */
function failedCheck(history: Entry[]): string[] {
  const h = [...history].reverse().find((e) => e.check);
  if (!h || h.check.ok !== false) return [];
  const blocker = ((h.blockers ?? []) as { message?: string; source?: string }[]).find((b) => b.source === 'check' && b.message);
  // verify's failure message (the Failure line) holds its excerpt
  if (!blocker?.message) return h.check.log ? ['', `Full log of the check \`${h.check.command}\`: ${h.check.log}`] : [];
  const excerpt = blocker.message.slice(blocker.message.indexOf('\n') + 1);
  return [
    '',
    `Check \`${h.check.command}\` failed in ${h.stage ?? h.step}${h.round ? ` r${h.round}` : ''} (exit ${h.check.exitCode ?? '?'}):`,
    ...excerpt.split('\n').map((l: string) => `  ${l}`),
    ...(h.check.log ? [`  Full log: ${h.check.log}`] : []),
  ];
}

export function showText(r: RunRecord, status: ShownStatus, calls: AgentCallRecord[], events: RunEvent[]): string {
  const out = [`Run ${r.id}  ${status}`];
  if (r.error) out.push(`Failure: ${r.error.category}: ${r.error.message}`);
  else if (status === 'interrupted') out.push('Failure: interrupted — the odw process ended before the run finished');
  out.push(`Pipeline: ${r.pipeline.name} (${r.pipeline.file})`);
  out.push(`Started: ${new Date(r.startedAt).toISOString()}   Duration: ${status === 'running' ? 'running' : formatDuration(r.durationMs)}${totals(calls)}`);
  if (r.headline) out.push(`Outcome: ${r.headline}`);
  const inputs = Object.entries(r.inputs).filter(([, v]) => v !== '' && v !== null && v !== undefined);
  if (inputs.length) out.push(`Inputs: ${inputs.map(([k, v]) => `${k}=${clip(firstLine(v), 60)}`).join('  ')}`);
  const steps = r.history.filter(shownInHistory);
  out.push('', 'History:');
  out.push(...(steps.length ? steps.map((h) => `  ${historyLine(h)}`) : ['  (no step finished)']));
  out.push(...failedCheck(r.history as Entry[]));
  out.push(...repairRouting(r.history));
  const running = Object.entries(r.stages).filter(([, s]) => s.status === 'running' && s.kind !== 'loop');
  if (running.length) out.push('', 'Running:', ...running.map(([k, s]) => `  ${k} (${s.kind})`));
  if (calls.length) out.push('', 'Agent calls:', ...calls.map((c) => `  ${callLine(c)}`));
  if (events.length) out.push('', 'Last events:', ...events.map((e) => `  ${eventLine(e)}`));
  const report = `.odw/runs/${r.id}/report.html`;
  out.push('', `Report: odw report ${r.id} (${report})`);
  return out.join('\n');
}
