/** The one signature every stage kind implements. */
import type { AgentCallMeta, AgentPort } from '../ports/agents.js';
import type { Clock } from '../ports/clock.js';
import type { TaskExecutor } from '../ports/executor.js';
import type { EventInput, HistoryEntry, RunError } from '../ports/events.js';
import type { ProcessRunner } from '../ports/process.js';
import type { Git, RepoGuard } from '../ports/git.js';
import type { Secret } from '../agents/redact.js';
import type { ExecutionPlan, PlanStage } from '../plan/types.js';

/** The side effects a handler may use. Wired in src/compose.ts; tests pass fakes. */
export interface Ports {
  process: ProcessRunner;
  clock: Clock;
  agents?: AgentPort;
  git?: Git;
  /** Where task steps run (implement and repair); the local executor when absent. */
  executor?: TaskExecutor<StageContext>;
  /** Set when replaying a recording: the patch each recorded implement call produced. */
  replay?: { patchFor(meta: Partial<AgentCallMeta>): { task: string; patchFile: string; bytes: number } | undefined };
}

export interface RunInfo {
  id: string;
  /** The run's record folder, `.odw/runs/<id>`. */
  dir: string;
  /** The user's repository (or working folder). */
  repo: string;
  /** The run's secrets (names and raw values, never to be stored): see src/agents/redact.ts. */
  secrets?: readonly Secret[];
}

export interface StageContext {
  stage: PlanStage;
  plan: ExecutionPlan;
  run: RunInfo;
  /** Round of the enclosing loop, from 1. */
  round?: number;
  /** The data templates and expressions see (inputs, files, run, stages, loop). */
  scope: Readonly<Record<string, unknown>>;
  /** Renders a handlebars template (inline text, or a template file named in the pipeline). */
  render(template: string, extra?: Record<string, unknown>): string;
  /** This stage's log file in the run record. */
  logFile: string;
  emit(event: EventInput): void;
  ports: Ports;
  signal: AbortSignal;
  /** This stage ran before in the same run, which was interrupted and is now resumed. */
  resumed?: boolean;
  /** The run's repository guard (docs/git.md), when the repository is a git repository with a commit. */
  guard?: RepoGuard;
}

export interface StageResult {
  status: 'succeeded' | 'failed' | 'cancelled';
  outputs?: Record<string, unknown>;
  error?: RunError;
  /** A failure that does not fail the run (e.g. exec `continueOnError`). */
  tolerated?: boolean;
  /** History lines for `odw runs show`; a default line is written when absent. */
  history?: HistoryEntry[];
  /** One line for the default history entry, e.g. the last line a command printed. */
  summary?: string;
  /** Replaces the run's one-line headline. */
  headline?: string;
  /**
   * The stage succeeded but its outcome does not meet what its loop waits for (a review's reject):
   * the failure it is when no round follows. The loop decides: outside a loop, and in a loop's last
   * round while its `until` (which reads this stage) still does not hold, the stage fails with it.
   */
  exhaustion?: RunError;
}

export type StageHandler = (ctx: StageContext) => Promise<StageResult>;
