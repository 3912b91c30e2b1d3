/** What a verify stage leaves in `stages.<id>.outputs`. */
import type { CheckResult } from '../review/check.js';

export interface VerifyOutputs {
  /** The check passed and left the tree as it was (or there was no check). */
  ok: boolean;
  /** No check was configured: nothing ran. */
  skipped?: true;
  /** What the check changed in the user's tree (odw put it back). */
  guard?: { changed: boolean; modified: string[]; added: string[]; removed: string[] };
  check?: CheckResult;
}
