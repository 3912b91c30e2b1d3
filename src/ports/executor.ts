/**
 * Where a task step runs. A task step is the unit of agent work that can move between machines:
 * a workspace at the run's base plus any seed patch, the workspace setup, the agent call and the
 * patch capture. The local executor (src/workflow/local-step.ts) runs it in this process; the
 * remote one (src/remote/) sends it to `odw worker` processes over a Redis queue and captures the
 * returned change again here, so the run record is the same either way.
 */
import type { AgentResult } from './agents.js';
import type { TaskPatch } from './git.js';

export interface TaskStep {
  /** The task id (also the workspace's name). */
  task: string;
  round: number;
  /** The rendered prompt. */
  prompt: string;
  /** The runtime profile's name. */
  runtime: string;
  /** The commit the workspace starts from. */
  base: string;
  /** Earlier stages' patches the workspace starts from (`seedFrom`); the captured patch then holds only this step's changes. */
  seedFrom?: TaskPatch[];
  /** A patch applied to the fresh workspace first (a repaired task's earlier patch, or a replayed one). */
  seed?: Pick<TaskPatch, 'task' | 'patchFile' | 'bytes'>;
  /** File name stem of the captured patch under `<runDir>/patches/`, e.g. `api.r2`. */
  name: string;
  /** Background workspace deletions allowed at once (the stage's concurrency). */
  pendingRemovals: number;
}

export interface StepOutcome {
  agent: AgentResult;
  patch: TaskPatch;
}

/** `C` is the stage's context (src/stages/types.ts), which ports cannot name. */
export interface TaskExecutor<C> {
  runStep(ctx: C, step: TaskStep): Promise<StepOutcome>;
  /** Refuse a run this executor cannot carry (checked before anything runs). */
  check?(spec: { runtimes?: Record<string, unknown>; workspace?: { copy?: string[]; link?: string[] } }): void;
  /** Let go of connections at the run's end. */
  close?(): Promise<void>;
}
