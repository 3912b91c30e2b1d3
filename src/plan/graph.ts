/** Text and Mermaid pictures of an execution plan (`odw graph`). */
import type { ExecutionPlan, PlanNode } from './types.js';

function describe(node: PlanNode): string {
  if (node.type === 'loop') {
    const max = typeof node.max === 'number' ? String(node.max) : node.max.source;
    return `loop ≤ ${max}${node.until ? ` until ${node.until.source}` : ''}`;
  }
  return node.kind + (node.runtime ? ` (${node.runtime})` : '');
}

/** The stages whose outputs a stage reads (its data edges), each once. */
function reads(node: PlanNode): string[] {
  if (node.type === 'loop') return [];
  const e = node.edges;
  return [...new Set([...(e.plan ? [e.plan] : []), ...(e.seedFrom ?? []), ...(e.from ?? []), ...(e.review ?? [])])];
}

export function renderText(plan: ExecutionPlan): string {
  const lines = [`${plan.name}: ${count(plan.nodes)} stages, concurrency ${plan.concurrency}`];
  const walk = (nodes: PlanNode[], prefix: string, indent: string) => {
    const width = Math.max(...nodes.map((n) => n.id.length));
    for (const n of nodes) {
      const step = `${prefix}${n.level + 1}`;
      const parts = [`${indent}${step.padEnd(prefix.length + 3)}${n.id.padEnd(width + 2)}${describe(n)}`];
      if (n.needs.length) parts.push(`needs ${n.needs.join(', ')}`);
      if (n.when) parts.push(`when ${n.when.source}`);
      if (reads(n).length) parts.push(`reads ${reads(n).join(', ')}`);
      lines.push(parts.join('  '));
      if (n.type === 'loop') walk(n.children, `${step}.`, `${indent}   `);
    }
  };
  walk(plan.nodes, '', '  ');
  lines.push('Stages with the same number run in parallel.');
  return lines.join('\n');
}

function count(nodes: PlanNode[]): number {
  return nodes.reduce((sum, n) => sum + (n.type === 'loop' ? 1 + count(n.children) : 1), 0);
}

const safe = (id: string) => id.replace(/[^A-Za-z0-9_]/g, '_');
const label = (text: string) => text.replace(/"/g, "'");

export function renderMermaid(plan: ExecutionPlan): string {
  const lines = ['flowchart TD'];
  const data: string[] = [];
  const walk = (nodes: PlanNode[], indent: string) => {
    for (const n of nodes) {
      if (n.type === 'loop') {
        lines.push(`${indent}subgraph ${safe(n.id)}["${label(`${n.id}: ${describe(n)}`)}"]`);
        walk(n.children, `${indent}  `);
        lines.push(`${indent}end`);
      } else {
        const shape = n.when ? `{{"${label(`${n.id}: ${n.kind}`)}"}}` : `["${label(`${n.id}: ${n.kind}`)}"]`;
        lines.push(`${indent}${safe(n.id)}${shape}`);
      }
      for (const d of n.needs) lines.push(`${indent}${safe(d)} --> ${safe(n.id)}`);
      for (const d of reads(n)) if (!n.needs.includes(d)) data.push(`  ${safe(d)} -.-> ${safe(n.id)}`);
    }
  };
  walk(plan.nodes, '  ');
  // data edges (dotted) that needs does not already draw, after every subgraph
  return [...lines, ...data].join('\n');
}
