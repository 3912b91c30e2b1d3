/** The pre-review gate: failed tasks and scope violations go back to their owners before any reviewer runs. */
import type { Blocker } from '../../tasks/types.js';
import type { CandidateSet } from '../../workflow/candidates.js';

export interface GateResult {
  blockers: Blocker[];
  /** Tasks sent back: failed tasks, tasks that wrote outside their files, and the owners of those files. */
  targets: string[];
}

export function preReviewGate(set: CandidateSet): GateResult | undefined {
  const blockers: Blocker[] = [];
  const targets = new Set<string>();
  for (const r of set.results) {
    if (r.ok) continue;
    targets.add(r.task);
    blockers.push({ message: `failed_task: ${r.task}: ${r.error?.message ?? 'the agent did not finish'}`, source: 'gate' });
  }
  for (const issue of set.scope) {
    targets.add(issue.task);
    if (issue.ownedBy) targets.add(issue.ownedBy);
    blockers.push({
      message: `scope_violation: task ${issue.task} touched ${issue.file}; owned_by=${issue.ownedBy ?? 'none'}. Edit only your own files.`,
      file: issue.file,
      source: 'gate',
    });
  }
  return blockers.length ? { blockers, targets: set.tasks.map((t) => t.id).filter((id) => targets.has(id)) } : undefined;
}
