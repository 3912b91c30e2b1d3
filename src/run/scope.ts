/** The data that templates and `when` expressions see. */
import type { StageStatus } from '../ports/events.js';

export interface StageView {
  status: StageStatus;
  outputs: Record<string, unknown>;
}

export interface Scope {
  inputs: Record<string, unknown>;
  /** Content of `file` inputs, by input name. */
  files: Record<string, string>;
  run: { id: string; repo: string; pipeline: string };
  stages: Record<string, StageView>;
}

/** A plain-data copy (templates and expressions must not reach live objects). */
export function snapshotScope(scope: Scope, extra?: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify({ ...scope, ...extra }));
}
