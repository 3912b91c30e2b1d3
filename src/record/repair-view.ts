/** The `Repair routing` section of `runs show`: per repair, each task sent back, by which blocker, rule and evidence. */
import type { HistoryEntry } from '../ports/events.js';
import { clip, firstLine } from '../util/format.js';
import type { Json } from '../util/json.js';

export function repairRouting(history: HistoryEntry[]): string[] {
  const repairs = (history as (HistoryEntry & Json)[]).filter((h) => h.step === 'repair' && h.status !== 'skipped' && Array.isArray(h.reasons));
  if (!repairs.length) return [];
  const out = ['', 'Repair routing:'];
  for (const h of repairs) {
    const kept = (h.kept as string[] | undefined) ?? [];
    const tasks = (h.tasks as string[] | undefined) ?? [];
    out.push(`  after round ${h.round ?? 1}: sent back ${tasks.join(', ') || 'no task'}${kept.length ? ` (kept ${kept.join(', ')})` : ''}`);
    for (const r of h.reasons as Json[]) {
      out.push(`    ${r.task}: ${r.rule ? `[${r.rule}] ` : ''}${clip(firstLine(r.why), 160)}`);
      if (r.blocker) out.push(`      blocker: ${clip(firstLine(r.blocker), 160)}`);
      if (r.evidence) out.push(`      evidence: ${clip(firstLine(r.evidence), 160)}`);
    }
  }
  return out;
}
