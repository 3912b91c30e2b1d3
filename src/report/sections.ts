/**
 * The workflow parts of the report, read from the run record: each task (prompt, owned files,
 * diffs, scope findings), each review round, the repair routing, apply and verify. Pure: patch
 * texts are passed in by name (`<task>.r<round>`).
 */
import type { AgentCallRecord } from '../ports/agents.js';
import type { HistoryEntry } from '../ports/events.js';
import type { RunRecord, StageRecord } from '../record/types.js';
import { leadLine } from '../util/format.js';
import { parseDiff, type Diff } from './diff.js';
import type { Json } from '../util/json.js';

export interface TaskView {
  id: string;
  title?: string;
  prompt: string;
  files: string[];
  rounds: { round: number; diff: Diff; message?: string; outcome?: string; open: boolean }[];
  scope: { file: string; ownedBy?: string }[];
  failed?: string;
}

export interface ReviewView {
  round: number;
  decision: string;
  gate: string;
  blockers: { message: string; file?: string; source?: string }[];
  reviewers: { reviewer: string; decision: string; summary: string; blockers: { message: string; file?: string }[]; failed?: string }[];
  check?: { command: string; ok: boolean; exitCode: number | null; output: string; log?: string };
  /** A review of an existing change: what was compared, and its diff. */
  change?: { label: string; diff: Diff };
}

export interface RepairView {
  round: number;
  tasks: string[];
  kept: string[];
  routes: { blocker: string; tasks: { task: string; why: string; rule?: string; evidence?: string }[] }[];
}

export interface Sections {
  tasks: TaskView[];
  reviews: ReviewView[];
  repairs: RepairView[];
  apply?: { ok: boolean; files: string[]; commit?: string; error?: string; warnings: string[] };
  verify?: { ok: boolean; command?: string; exitCode?: number | null; changed: string[]; output?: string; log?: string; note?: string };
}

const byKind = (stages: Record<string, StageRecord>, kind: string) =>
  Object.entries(stages)
    .filter(([, s]) => s.kind === kind && s.outputs)
    .sort(([, a], [, b]) => (a.round ?? 0) - (b.round ?? 0));

export function sections(record: RunRecord, calls: AgentCallRecord[], patches: Map<string, string>): Sections {
  const history = record.history as (HistoryEntry & Json)[];
  const reviews = byKind(record.stages, 'review').map(([id, s]) => review(s.outputs as Json, s.round ?? 1, id, patches));
  return {
    tasks: tasks(record, calls, patches),
    reviews,
    repairs: history
      .filter((h) => h.step === 'repair')
      .map((h) =>
        repair(
          h,
          reviews.find((r) => r.round === (h.round ?? 1)),
        ),
      ),
    apply: apply(history.find((h) => h.step === 'apply' && h.status !== 'skipped')),
    verify: verify(
      history.find((h) => h.step === 'verify' && h.status !== 'skipped'),
      byKind(record.stages, 'verify')[0]?.[1].outputs as Json | undefined,
    ),
  };
}

function tasks(record: RunRecord, calls: AgentCallRecord[], patches: Map<string, string>): TaskView[] {
  // every plan stage's tasks (tests first, two task sets: several plans, task ids unique across them)
  const planned = byKind(record.stages, 'plan').flatMap(([, s]) => (s.outputs?.tasks as Json[] | undefined) ?? []);
  const sets = Object.values(record.stages).flatMap((s) => (s.outputs?.candidates ? [s.outputs.candidates as Json] : []));
  return planned.map((t) => {
    const rounds = [...patches.keys()]
      .map((name) => name.match(/^(.+)\.r(\d+)$/))
      .filter((m): m is RegExpMatchArray => Boolean(m) && m![1] === t.id)
      .map((m) => Number(m[2]))
      .sort((a, b) => a - b);
    const latest = sets.flatMap((set) => (set.results as Json[]).filter((r) => r.task === t.id)).sort((a, b) => b.round - a.round)[0];
    const scope = new Map<string, { file: string; ownedBy?: string }>();
    for (const set of sets)
      for (const s of (set.scope as Json[]) ?? []) if (s.task === t.id) scope.set(s.file, { file: s.file, ...(s.ownedBy ? { ownedBy: s.ownedBy } : {}) });
    return {
      id: t.id,
      ...(t.title ? { title: t.title } : {}),
      prompt: String(t.prompt ?? ''),
      files: (t.files as string[]) ?? [],
      rounds: rounds.map((round, i) => {
        const call = calls.find((c) => c.meta.task === t.id && (c.meta.round ?? 1) === round);
        return {
          round,
          diff: parseDiff(patches.get(`${t.id}.r${round}`) ?? ''),
          message: call?.finalMessage || call?.error?.message,
          outcome: call?.outcome,
          open: i === rounds.length - 1,
        };
      }),
      scope: [...scope.values()],
      ...(latest && !latest.ok ? { failed: `${latest.error?.category ?? 'failed'}: ${latest.error?.message ?? ''}` } : {}),
    };
  });
}

/** A failed check shows the excerpt of its failures (records from before excerpts have only the tail); a passing one its last lines. */
function checkOutput(check: Json): string {
  return String((!check.ok && check.failures?.text) || check.tail || '');
}

function logOf(check: Json): { log?: string } {
  return !check.ok && check.log ? { log: String(check.log) } : {};
}

function review(o: Json, round: number, stage: string, patches: Map<string, string>): ReviewView {
  const check = o.check as Json | undefined;
  const change = o.change as Json | undefined;
  return {
    round: o.round ?? round,
    decision: String(o.decision ?? 'failed'),
    gate: String(o.gate ?? 'review'),
    blockers: ((o.blockers as Json[]) ?? []).map((b) => ({
      message: String(b.message),
      ...(b.file ? { file: b.file } : {}),
      ...(b.source ? { source: b.source } : {}),
    })),
    reviewers: ((o.reviews as Json[]) ?? []).map((r) => ({
      reviewer: String(r.reviewer),
      decision: String(r.decision),
      summary: String(r.summary ?? ''),
      blockers: ((r.blockers as Json[]) ?? []).map((b) => ({ message: String(b.message), ...(b.file ? { file: b.file } : {}) })),
      ...(r.failed ? { failed: String(r.failed) } : {}),
    })),
    ...(check
      ? { check: { command: String(check.command), ok: Boolean(check.ok), exitCode: check.exitCode ?? null, output: checkOutput(check), ...logOf(check) } }
      : {}),
    ...(change ? { change: { label: changeLabel(change), diff: parseDiff(patches.get(`change.${stage}.r${o.round ?? round}`) ?? '') } } : {}),
  };
}

function changeLabel(c: Json): string {
  const short = (sha: unknown) => String(sha ?? '').slice(0, 12);
  return c.source === 'base'
    ? `HEAD ${short(c.head)} against ${String(c.base)} (merge base ${short(c.from)})`
    : `the uncommitted changes against HEAD ${short(c.head)}`;
}

/** The routing of one repair; a blocker is named by its first line there, shown here as the review said it. */
function repair(h: Json, review: ReviewView | undefined): RepairView {
  const routes = new Map<string, RepairView['routes'][number]['tasks']>();
  for (const r of (h.reasons as Json[]) ?? []) {
    const named = r.blocker === undefined ? undefined : String(r.blocker);
    const full = review?.blockers.find((b) => b.message.split('\n')[0] === named)?.message;
    const key = named === undefined ? '(no blocker named)' : full ? leadLine(full) : named;
    const rule = r.rule ? { rule: String(r.rule) } : {};
    const evidence = r.evidence ? { evidence: String(r.evidence) } : {};
    routes.set(key, [...(routes.get(key) ?? []), { task: String(r.task), why: String(r.why ?? ''), ...rule, ...evidence }]);
  }
  return { round: h.round ?? 1, tasks: h.tasks ?? [], kept: h.kept ?? [], routes: [...routes].map(([blocker, tasks]) => ({ blocker, tasks })) };
}

function apply(h: Json | undefined): Sections['apply'] {
  if (!h) return undefined;
  const commit = h.commit as Json | undefined;
  return {
    ok: h.ok !== false,
    files: h.files ?? [],
    warnings: (h.warnings as string[] | undefined) ?? [],
    ...(commit ? { commit: `${String(commit.sha).slice(0, 12)}${commit.branch ? ` on ${commit.branch}` : ''}` } : {}),
    ...(h.error ? { error: String(h.error) } : {}),
  };
}

function verify(h: Json | undefined, outputs: Json | undefined): Sections['verify'] {
  if (!h) return undefined;
  const guard = (h.guard as Json | undefined) ?? {};
  const changed = [...(guard.modified ?? []), ...(guard.added ?? []), ...(guard.removed ?? [])];
  return {
    ok: h.ok !== false,
    ...(h.check ? { command: h.check.command, exitCode: h.check.exitCode } : {}),
    changed,
    ...(outputs?.check && checkOutput(outputs.check) ? { output: checkOutput(outputs.check), ...logOf(outputs.check) } : {}),
    ...(h.summary ? { note: String(h.summary) } : {}),
  };
}
