/** Exit codes, decided in one place. Commands return one of these; nothing calls process.exit. */
export const EXIT = {
  ok: 0,
  /** The pipeline ran and failed (or was cancelled). */
  failed: 1,
  /** Usage or configuration error: bad flags, invalid pipeline, unknown run id. */
  usage: 2,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A mistake the user can fix: printed as one message (no stack trace), exit code 2. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
    readonly exitCode: ExitCode = EXIT.usage,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
