/** Everything the report template shows, built from a run's record, agent calls and patches. Pure. */
import type { AgentCallRecord } from '../ports/agents.js';
import type { RunRecord, ShownStatus, StageRecord } from '../record/types.js';
import { callWhere, historyLine, shownInHistory } from '../record/views.js';
import { clip, formatDuration, usageText } from '../util/format.js';
import { drawGraph, type GraphNode, type GraphPicture } from './graph.js';
import { sections, type Sections } from './sections.js';
import { drawTimeline, type TimelinePicture } from './timeline.js';

export interface ReportInput {
  record: RunRecord;
  status: ShownStatus;
  calls: AgentCallRecord[];
  /** Patch texts by name: `<task>.r<round>`. */
  patches: Map<string, string>;
  graph: GraphNode[];
  /** When the report is made (for runs still going). */
  now?: number;
}

export interface ReportModel extends Sections {
  summary: {
    id: string;
    pipeline: string;
    pipelineFile: string;
    repo: string;
    status: ShownStatus;
    headline?: string;
    error?: { category: string; message: string };
    started: string;
    duration: string;
    usage: string;
    calls: number;
    inputs: { name: string; value: string; long: boolean }[];
  };
  steps: string[];
  graph: GraphPicture;
  timeline: TimelinePicture;
  calls: {
    id: string;
    where: string;
    runtime: string;
    agent: string;
    model?: string;
    /** The odw worker that ran the call, and its queue attempt when more than one. */
    worker?: string;
    outcome: string;
    status: string;
    duration: string;
    usage: string;
    message: string;
    error?: string;
    questions: { question: string; answer: string }[];
  }[];
  /** Machine-readable summary, for the `<script type="application/json">` block. */
  data: unknown;
}

export function buildReport(input: ReportInput): ReportModel {
  const { record: r, calls } = input;
  const tokens = calls.reduce((n, c) => n + (c.usage?.totalTokens ?? 0), 0);
  const cost = calls.reduce((n, c) => n + (c.costUsd ?? 0), 0);
  const inputs = Object.entries(r.inputs)
    .filter(([, v]) => v !== '' && v !== null && v !== undefined)
    .map(([name, v]) => ({ name, value: typeof v === 'string' ? v : JSON.stringify(v), long: String(v).includes('\n') || String(v).length > 80 }));
  return {
    summary: {
      id: r.id,
      pipeline: r.pipeline.name,
      pipelineFile: r.pipeline.file,
      repo: r.repo,
      status: input.status,
      ...(r.headline ? { headline: r.headline } : {}),
      ...(r.error ? { error: r.error } : {}),
      started: new Date(r.startedAt).toISOString().replace('T', ' ').slice(0, 19) + ' UTC',
      duration: input.status === 'running' ? 'still running' : formatDuration(r.durationMs),
      usage: calls.length ? usageText(tokens, cost) || 'tokens and cost not reported' : '',
      calls: calls.length,
      inputs,
    },
    steps: r.history.filter(shownInHistory).map((h) => historyLine(h)),
    graph: drawGraph(input.graph, statusOf(r.stages)),
    timeline: drawTimeline(r, calls, input.now),
    ...sections(r, calls, input.patches),
    calls: calls.map((c) => {
      const outcome = c.state === 'done' ? (c.outcome ?? 'done') : c.state;
      return {
        id: c.id,
        where: callWhere(c),
        runtime: c.runtime,
        agent: c.agent,
        ...(c.model ? { model: c.model } : {}),
        ...(c.worker ? { worker: `worker ${c.worker.name}${c.worker.attempts > 1 ? `, attempt ${c.worker.attempts}` : ''}` } : {}),
        outcome,
        status: c.state !== 'done' ? 'running' : c.outcome === 'ok' ? 'succeeded' : 'failed',
        duration: formatDuration(c.durationMs),
        usage: usageText(c.usage?.totalTokens, c.costUsd),
        message: clip(c.finalMessage ?? '', 8000),
        ...(c.error ? { error: `${c.error.category}: ${c.error.message}` } : {}),
        questions: c.questions ?? [],
      };
    }),
    data: { id: r.id, pipeline: r.pipeline.name, status: input.status, headline: r.headline, error: r.error, inputs: r.inputs, history: r.history },
  };
}

/** A box's colour and second line: how the stage (its last round, in a loop) ended. */
function statusOf(stages: Record<string, StageRecord>) {
  return (node: GraphNode): { status: string; detail: string } => {
    const own = stages[node.id];
    if (node.kind === 'loop')
      return own ? { status: own.status, detail: `${own.round ?? 0} round${own.round === 1 ? '' : 's'}` } : { status: 'waiting', detail: 'not reached' };
    // the kind is said once: a stage named after its kind (`review`) does not repeat it
    const kind = node.kind === node.id ? '' : `${node.kind} · `;
    if (own) return { status: own.status, detail: `${kind}${own.status === 'skipped' ? 'skipped' : formatDuration(own.durationMs)}` };
    const rounds = Object.entries(stages)
      .filter(([k]) => k.startsWith(`${node.id}@r`))
      .map(([, s]) => s)
      .sort((a, b) => (a.round ?? 0) - (b.round ?? 0));
    const ran = rounds.filter((s) => s.status !== 'skipped');
    const last = ran.at(-1) ?? rounds.at(-1);
    if (!last) return { status: 'waiting', detail: `${kind}not reached` };
    const decision = last.outputs?.decision ? ` · ${String(last.outputs.decision)}` : '';
    const numbers = ran.map((s) => s.round ?? 1);
    const which = !numbers.length ? 'skipped' : numbers.length === 1 ? `r${numbers[0]}` : `r${numbers[0]}–r${numbers.at(-1)}`;
    return { status: last.status, detail: `${kind}${which}${decision}` };
  };
}
