/**
 * What crosses the wire between `odw run --executor <queue>` (the coordinator) and `odw worker`:
 * one BullMQ job per task step, its reply, and the Redis keys beside the queue. Nothing here holds
 * a secret value: the runtime profile travels with variable names only (a profile with a literal
 * secret is refused before anything is sent), and the worker redacts what it returns with its own
 * environment's secrets. docs/scale-out.md describes it for users.
 */
import type { AgentResult, RuntimeProfile } from '../ports/agents.js';

/** Raised when the job or reply shape changes: a worker of another version refuses the job. */
export const PROTOCOL_VERSION = 1;

export const QUEUE_NAME = 'odw-steps';
/** Content-addressed by commit: one bundle per base, shared by every run from it. */
export const bundleKey = (base: string) => `odw:bundle:${base}`;
/** Set (with an expiry) when a run is cancelled; a worker checks it when it picks a job up. */
export const cancelKey = (runId: string) => `odw:cancel:${runId}`;
/** Published with the run id when a run is cancelled: workers stop that run's agents at once. */
export const CANCEL_CHANNEL = 'odw:cancel';
/** Workers say they are alive here: `odw:worker:<name>` → their description, with an expiry. */
export const workerKey = (name: string) => `odw:worker:${name}`;

export interface StepJob {
  protocol: number;
  /** The odw version of the coordinator (shown when versions differ). */
  odw: string;
  runId: string;
  stage: { id: string; kind: string; round?: number };
  task: string;
  round: number;
  prompt: string;
  runtime: string;
  /** The pipeline's profile as written (relative executables resolve against the worker's clone). */
  profile: RuntimeProfile;
  base: string;
  /** The capture's file name stem. */
  name: string;
  /** workspace.setup and workspace.ignore of the pipeline (copy and link are refused remotely). */
  workspace: { setup?: string[]; ignore?: string[] };
  /** The seed patch's bytes, base64. */
  seed?: string;
  /** The `seedFrom` patches' bytes, base64, in order: the workspace starts from them; the reply's patch holds only the step's changes. */
  seedFrom?: string[];
  timeoutMs?: number;
}

export interface StepReply {
  protocol: number;
  worker: string;
  agent: AgentResult;
  /** The captured patch, base64 (the change itself, as the agent made it). */
  patch: string;
  /** Paths the worker's capture left out (workspace.ignore). */
  ignored: string[];
  /** The call folder's files (call.json, prompt.md, output.log …), redacted on the worker, base64. */
  callFiles: Record<string, string>;
}

/** A failure category the coordinator reports when a step could not be carried out remotely. */
export type RemoteCategory = 'no_workers' | 'queue_unreachable' | 'remote_step_failed' | 'remote_refused' | 'base_too_large';

export class RemoteError extends Error {
  constructor(
    readonly category: RemoteCategory,
    message: string,
  ) {
    super(message);
    this.name = 'RemoteError';
  }
}
