import type { StageHandler } from './types.js';

/** A kind the language reserves whose handler this version of odw does not ship yet. */
export function unavailable(kind: string): StageHandler {
  return async () => ({
    status: 'failed',
    error: {
      category: 'unsupported_stage',
      message: `the "${kind}" stage kind is not available in this version of odw`,
    },
  });
}
