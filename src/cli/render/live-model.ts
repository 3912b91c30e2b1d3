/**
 * What the live view shows, as plain data: the stage graph of the compiled plan, updated by run
 * events. Pure — no terminal — so it is tested by feeding events; src/cli/render/live.ts draws it.
 */
import type { ExecutionPlan, PlanNode } from '../../plan/types.js';
import type { HistoryEntry, RunEvent, RunStatus } from '../../ports/events.js';
import { historyLine } from '../../record/views.js';
import { firstLine } from '../../util/format.js';
import { agentLabel } from './format.js';

export type RowStatus = 'waiting' | 'running' | 'succeeded' | 'failed' | 'skipped' | 'cancelled';
export type AgentState = 'starting' | 'running' | 'asking' | 'done' | 'failed';

export interface AgentRow {
  call: string;
  label: string;
  runtime: string;
  state: AgentState;
  detail?: string;
  startedAt: number;
  durationMs?: number;
  tokens?: number;
  costUsd?: number;
  outcome?: string;
}

export interface StageRow {
  type: 'stage';
  id: string;
  kind: string;
  round?: number;
  status: RowStatus;
  startedAt?: number;
  durationMs?: number;
  /** The step's history line once it finished, the skip reason, or the error. */
  note?: string;
  agents: AgentRow[];
}

export interface LoopRow {
  type: 'loop';
  id: string;
  status: RowStatus;
  round?: number;
  max?: number;
  startedAt?: number;
  note?: string;
  /** The member stages of every round so far, in order. */
  rows: StageRow[];
  children: PlanNode[];
}

export type Row = StageRow | LoopRow;

export interface RunView {
  pipeline: string;
  runId?: string;
  status: RunStatus | 'starting';
  startedAt?: number;
  durationMs?: number;
  tokens: number;
  costUsd: number;
  rows: Row[];
}

function stageRow(node: PlanNode, round?: number): StageRow {
  const kind = node.type === 'loop' ? 'loop' : node.kind;
  return { type: 'stage', id: node.id, kind, ...(round ? { round } : {}), status: 'waiting', agents: [] };
}

function findNode(nodes: PlanNode[], id: string): PlanNode | undefined {
  for (const n of nodes) {
    const found = n.id === id ? n : n.type === 'loop' ? findNode(n.children, id) : undefined;
    if (found) return found;
  }
  return undefined;
}

export class LiveModel {
  readonly view: RunView;
  /** Stage id → the loop that holds it (members only). */
  private readonly loopOf = new Map<string, LoopRow>();
  private readonly byKey = new Map<string, StageRow>();
  private readonly agents = new Map<string, AgentRow>();
  /** The stage whose history lines come next (they follow its stage_finished event). */
  private lastFinished?: StageRow;

  constructor(plan: ExecutionPlan) {
    this.view = { pipeline: plan.name, status: 'starting', tokens: 0, costUsd: 0, rows: plan.nodes.map((n) => this.row(n, undefined)) };
  }

  private row(node: PlanNode, loop: LoopRow | undefined): Row {
    if (node.type === 'loop') {
      const row: LoopRow = { type: 'loop', id: node.id, status: 'waiting', rows: [], children: node.children };
      // members of a nested loop show as rows of the outer one
      const register = (nodes: PlanNode[]) => nodes.forEach((c) => (this.loopOf.set(c.id, row), c.type === 'loop' && register(c.children)));
      register(node.children);
      return row;
    }
    const row = stageRow(node);
    if (!loop) this.byKey.set(node.id, row);
    return row;
  }

  private loop(id: string): LoopRow | undefined {
    return this.view.rows.find((r): r is LoopRow => r.type === 'loop' && r.id === id);
  }

  /** The row of a stage (in a round), created on first sight inside a loop. */
  private stage(id: string, round?: number): StageRow | undefined {
    const key = round ? `${id}@r${round}` : id;
    const known = this.byKey.get(key);
    if (known) return known;
    const loop = this.loopOf.get(id);
    const node = loop && findNode(loop.children, id);
    if (!loop || !node) return undefined;
    const row = stageRow(node, round ?? loop.round);
    loop.rows.push(row);
    this.byKey.set(row.round ? `${id}@r${row.round}` : id, row);
    return row;
  }

  apply(e: RunEvent): void {
    switch (e.type) {
      case 'run_started':
        Object.assign(this.view, { runId: e.runId, status: 'running', startedAt: e.ts });
        return;
      case 'stage_started':
        return void Object.assign(this.stage(e.stage, e.round) ?? {}, { status: 'running', startedAt: e.ts });
      case 'stage_finished': {
        const row = this.stage(e.stage, e.round);
        if (!row) return;
        Object.assign(row, { status: e.status, durationMs: e.durationMs, ...(e.error ? { note: firstLine(e.error.message) } : {}) });
        this.lastFinished = row;
        return;
      }
      case 'stage_skipped':
        return void Object.assign(this.stage(e.stage, e.round) ?? this.loop(e.stage) ?? {}, { status: 'skipped', note: e.reason });
      case 'loop_round': {
        const loop = this.loop(e.loop);
        if (!loop) return;
        Object.assign(loop, { status: 'running', round: e.round, max: e.max, startedAt: loop.startedAt ?? e.ts });
        for (const child of loop.children) this.stage(child.id, e.round);
        return;
      }
      case 'loop_finished': {
        const loop = this.loop(e.loop);
        if (!loop) return;
        const rounds = `${e.rounds} round${e.rounds === 1 ? '' : 's'}`;
        loop.status =
          e.reason === 'failed' ? (this.view.status === 'cancelled' || loop.rows.some((r) => r.status === 'cancelled') ? 'cancelled' : 'failed') : 'succeeded';
        loop.note = e.reason === 'max' ? `${rounds}, ceiling reached` : rounds;
        return;
      }
      case 'agent_started': {
        const row = this.stage(e.stage, e.round);
        const agent: AgentRow = { call: e.call, label: agentLabel(e), runtime: e.runtime, state: 'running', startedAt: e.ts };
        this.agents.set(e.call, agent);
        row?.agents.push(agent);
        return;
      }
      case 'agent_state': {
        const agent = this.agents.get(e.call);
        if (agent && agent.state !== 'done' && agent.state !== 'failed') {
          agent.state = e.state === 'asking' || e.state === 'starting' ? e.state : 'running';
          agent.detail = e.detail;
        }
        return;
      }
      case 'agent_finished': {
        const agent = this.agents.get(e.call);
        if (agent)
          Object.assign(agent, {
            state: e.outcome === 'ok' ? 'done' : 'failed',
            outcome: e.outcome,
            durationMs: e.durationMs,
            tokens: e.tokens,
            costUsd: e.costUsd,
            detail: undefined,
          });
        this.view.tokens += e.tokens ?? 0;
        this.view.costUsd += e.costUsd ?? 0;
        return;
      }
      case 'history':
        return this.history(e.entry);
      case 'run_finished':
        Object.assign(this.view, { status: e.status, durationMs: e.durationMs });
        if (e.status === 'cancelled') this.cancelRunning();
        return;
      default:
        return;
    }
  }

  private history(entry: HistoryEntry): void {
    if (entry.step === 'loop' || entry.status === 'skipped') return;
    const row = entry.stage ? this.stage(entry.stage, entry.round) : this.lastFinished;
    if (row) row.note = historyLine(entry, row.id);
  }

  private cancelRunning(): void {
    const all = this.view.rows.flatMap((r) => (r.type === 'loop' ? [r, ...r.rows] : [r]));
    for (const row of all) if (row.status === 'running') row.status = 'cancelled';
  }
}
