/** A failed stage whose history line names the failure, so `odw runs show` ends with its cause. */
import type { HistoryEntry, RunError } from '../ports/events.js';
import type { StageResult } from '../stages/types.js';

export function failedStep(entry: HistoryEntry, error: RunError, rest: Pick<StageResult, 'outputs' | 'headline'> = {}): StageResult {
  return { ...rest, status: 'failed', error, history: [{ ...entry, ok: false, error: `${error.category}: ${error.message}` }] };
}
