/**
 * The stage graph as a picture: boxes per stage laid out left to right by parallel level, arrows
 * for `needs`, loops as frames around their members, each box coloured by how its stage ended.
 * Pure: returns shapes; src/report/templates/graph.hbs draws them as inline SVG.
 */
import type { ExecutionPlan, PlanNode } from '../plan/types.js';
import type { StageRecord } from '../record/types.js';

/** The plan's shape, kept in `<run>/graph.json` so a report can be redrawn later. */
export interface GraphNode {
  id: string;
  kind: string;
  needs: string[];
  level: number;
  when?: string;
  loop?: { max: string; until?: string };
  children?: GraphNode[];
}

export function graphOf(plan: Pick<ExecutionPlan, 'nodes'>): GraphNode[] {
  const walk = (nodes: PlanNode[]): GraphNode[] =>
    nodes.map((n) => ({
      id: n.id,
      kind: n.type === 'loop' ? 'loop' : n.kind,
      needs: n.needs,
      level: n.level,
      ...(n.when ? { when: n.when.source } : {}),
      ...(n.type === 'loop'
        ? { loop: { max: typeof n.max === 'number' ? String(n.max) : n.max.source, ...(n.until ? { until: n.until.source } : {}) }, children: walk(n.children) }
        : {}),
    }));
  return walk(plan.nodes);
}

/** Without the plan: the stages the record knows, in the order they ran, unconnected. */
export function graphFromRecord(stages: Record<string, StageRecord>): GraphNode[] {
  const ids = [...new Set(Object.keys(stages).map((k) => k.replace(/@r\d+$/, '')))];
  return ids.map((id, i) => ({ id, kind: stages[id]?.kind ?? stages[`${id}@r1`]?.kind ?? 'stage', needs: [], level: i }));
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
  id: string;
  label: string;
  detail: string;
  status: string;
}

export interface Frame extends Box {
  /** Frames are loops: the line above their members, and the `until` line below them. */
  title: string;
  until: string;
}

export interface GraphPicture {
  width: number;
  height: number;
  boxes: Box[];
  frames: Frame[];
  edges: { d: string }[];
}

const BOX = { w: 160, h: 50 };
const GAP = { x: 32, y: 18 };
const PAD = { x: 16, top: 30, bottom: 30 };
/** Roughly how wide a character of the frame's 12px text is. */
const CHAR = 6.6;

type Placed = { w: number; h: number; place: (x: number, y: number, out: GraphPicture, at: Map<string, Box>) => void };

/** How a stage ended, and a short line for its box (its kind, round, decision). */
export type StatusOf = (node: GraphNode) => { status: string; detail: string };

export function drawGraph(nodes: GraphNode[], statusOf: StatusOf): GraphPicture {
  const picture: GraphPicture = { width: 0, height: 0, boxes: [], frames: [], edges: [] };
  const group = measure(nodes, statusOf);
  group.place(12, 12, picture, new Map());
  picture.width = group.w + 24;
  picture.height = group.h + 24;
  return picture;
}

function measure(nodes: GraphNode[], statusOf: StatusOf): Placed {
  const sized = nodes.map((n) => ({ n, size: n.children ? frame(n, measure(n.children, statusOf), statusOf) : box(n, statusOf) }));
  const levels = [...new Set(nodes.map((n) => n.level))].sort((a, b) => a - b);
  const columns = levels.map((l) => sized.filter((s) => s.n.level === l));
  const colW = columns.map((c) => Math.max(...c.map((s) => s.size.w)));
  const colH = columns.map((c) => c.reduce((h, s) => h + s.size.h, 0) + GAP.y * (c.length - 1));
  const w = colW.reduce((a, b) => a + b, 0) + GAP.x * Math.max(0, columns.length - 1);
  const h = Math.max(0, ...colH);
  return {
    w,
    h,
    place(x0, y0, out, at) {
      let x = x0;
      columns.forEach((column, i) => {
        let y = y0 + (h - colH[i]) / 2;
        for (const { size } of column) {
          size.place(x + (colW[i] - size.w) / 2, y, out, at);
          y += size.h + GAP.y;
        }
        x += colW[i] + GAP.x;
      });
      for (const { n } of sized) for (const need of n.needs) edge(out, at.get(need), at.get(n.id));
    },
  };
}

function box(n: GraphNode, statusOf: StatusOf): Placed {
  const { status, detail } = statusOf(n);
  return {
    ...BOX,
    place(x, y, out, at) {
      const b: Box = { x, y, ...BOX, id: n.id, label: `${n.id}${n.when ? ' ◇' : ''}`, detail, status };
      out.boxes.push(b);
      at.set(n.id, b);
    },
  };
}

function frame(n: GraphNode, inner: Placed, statusOf: StatusOf): Placed {
  const { status, detail } = statusOf(n);
  const title = `↻ ${n.id} · ${detail} (at most ${n.loop?.max ?? '?'})`;
  const until = n.loop?.until ? `until ${n.loop.until}` : '';
  const w = Math.max(inner.w + PAD.x * 2, Math.max(title.length, until.length) * CHAR + 24);
  const h = inner.h + PAD.top + PAD.bottom;
  return {
    w,
    h,
    place(x, y, out, at) {
      const f: Frame = { x, y, w, h, id: n.id, label: n.id, detail, status, title, until };
      out.frames.push(f);
      at.set(n.id, f);
      inner.place(x + (w - inner.w) / 2, y + PAD.top, out, at);
    },
  };
}

function edge(out: GraphPicture, from: Box | undefined, to: Box | undefined): void {
  if (!from || !to) return;
  const x1 = from.x + from.w;
  const y1 = from.y + from.h / 2;
  const x2 = to.x - 4;
  const y2 = to.y + to.h / 2;
  const bend = Math.max(16, (x2 - x1) / 2);
  out.edges.push({ d: `M${r(x1)} ${r(y1)} C${r(x1 + bend)} ${r(y1)}, ${r(x2 - bend)} ${r(y2)}, ${r(x2)} ${r(y2)}` });
}

const r = (n: number) => Math.round(n * 10) / 10;
