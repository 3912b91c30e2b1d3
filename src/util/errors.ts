/**
 * A mistake the user can fix (a bad flag, an unknown run id, a missing input): printed as one
 * message and a hint, no stack trace. The CLI decides its exit code (src/cli/exit.ts: 2).
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
