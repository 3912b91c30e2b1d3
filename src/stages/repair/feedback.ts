/** The review feedback a repaired task's agent receives. */
import type { Blocker } from '../../tasks/types.js';
import type { RouteReason } from './route.js';

const DEFAULT_MAX = 12_000;

export function feedbackFor(task: string, review: Record<string, unknown>, reasons: RouteReason[], max = DEFAULT_MAX): string {
  const blockers = (review.blockers as Blocker[]) ?? [];
  const mine = reasons.filter((r) => r.task === task && r.blocker >= 0).map((r) => r.blocker);
  const lines = [`Previous review decision: ${review.decision} (round ${review.round}).`, '', 'Blocking issues that were traced to your task:'];
  const own = mine.length ? [...new Set(mine)].map((i) => blockers[i]) : blockers;
  for (const b of own) lines.push(`- ${b.message}${b.file ? ` (file: ${b.file})` : ''}${b.source ? ` [${b.source}]` : ''}`);
  const others = blockers.filter((b) => !own.includes(b));
  if (others.length) {
    lines.push('', 'Other blockers, for context only (other tasks own them; treat their files as evidence only):');
    for (const b of others) lines.push(`- ${b.message}`);
  }
  const reviews = (review.reviews as { reviewer: string; summary: string }[] | undefined) ?? [];
  if (reviews.length) {
    lines.push('', 'Reviewer summaries:');
    for (const r of reviews) lines.push(`- ${r.reviewer}: ${r.summary}`);
  }
  // The check's blocker above already shows its failures; the full output is in the log.
  const check = review.check as { ok: boolean; command: string; tail?: string; log?: string } | undefined;
  if (check && !check.ok) {
    const shown = blockers.some((b) => b.source === 'check');
    if (!shown && check.tail) lines.push('', `The check \`${check.command}\` failed; its output ends with:`, check.tail);
    if (check.log) lines.push('', `Full log of the check \`${check.command}\`: ${check.log}`);
  }
  const text = lines.join('\n');
  return text.length > max ? `${text.slice(0, max)}\n… (feedback truncated)` : text;
}
