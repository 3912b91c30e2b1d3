/** Exit codes, decided in one place. Commands return one of these; nothing calls process.exit. */
import { UserError } from '../util/errors.js';

export const EXIT = {
  ok: 0,
  /** The pipeline ran and failed (or was cancelled). */
  failed: 1,
  /** Usage or configuration error: bad flags, invalid pipeline, unknown run id. */
  usage: 2,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A user's mistake (UserError) exits 2; anything else thrown is a bug, exit 1. */
export const exitCodeFor = (error: unknown): ExitCode => (error instanceof UserError ? EXIT.usage : EXIT.failed);
