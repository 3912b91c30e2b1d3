/** Runs coding agents on tasks, one isolated workspace each, in parallel; captures their patches. */
import type { TaskExecutor } from '../ports/executor.js';
import type { Task } from '../tasks/types.js';
import type { StageContext } from '../stages/types.js';
import { Semaphore } from '../util/semaphore.js';
import { agentFailure } from './agent.js';
import type { TaskResult } from './candidates.js';
import type { TaskPatch } from '../ports/git.js';
import { fanoutDefinition } from '../stages/fanout/definition.js';
import { localExecutor } from './local-step.js';

export interface ImplementJob {
  /** The tasks to run now. */
  tasks: Task[];
  /** Every planned task (their contracts go into each prompt). */
  allTasks: Task[];
  base: string;
  round: number;
  /** Prompt template (text or template path). */
  prompt: string;
  /** Review feedback per task (repair). */
  feedback?: Map<string, string>;
  /** Each task's previous result: its patch is applied to the new worktree first (repair). */
  previous?: Map<string, TaskResult>;
  /** Per task: earlier tasks' patches its workspace starts from (`seedFrom`); its own patch then holds only its changes. */
  seeds?: Map<string, { tasks: string[]; patches: TaskPatch[] }>;
  concurrency: number;
}

/**
 * Each task's workspace lives inside its concurrency slot: created when the task gets its slot,
 * moved out of the way when it is done (deleted in the background), so at most `concurrency`
 * checkouts exist at once. A workspace that cannot be made fails the stage: tasks that have not
 * started yet do not start, the running ones finish and are cleaned up, then the first error is thrown.
 */
export async function implementTasks(ctx: StageContext, job: ImplementJob): Promise<TaskResult[]> {
  const executor = ctx.ports.executor ?? localExecutor;
  const slots = new Semaphore(job.concurrency);
  const ids = job.tasks.map((t) => t.id);
  const dupes = ids.filter((n, i) => ids.indexOf(n) !== i);
  if (dupes.length) throw new Error(`duplicate worktree names: ${[...new Set(dupes)].join(', ')}`);
  let failure: { error: unknown } | undefined;
  const settled = await Promise.allSettled(
    job.tasks.map((task) =>
      slots.use(async (): Promise<TaskResult | undefined> => {
        if (failure) return undefined;
        try {
          return await runTask(ctx, job, task, executor);
        } catch (error) {
          failure ??= { error };
          throw error;
        }
      }),
    ),
  );
  if (failure) throw failure.error;
  return settled.map((s) => (s as PromiseFulfilledResult<TaskResult>).value);
}

async function runTask(ctx: StageContext, job: ImplementJob, task: Task, executor: TaskExecutor<StageContext>): Promise<TaskResult> {
  // Replaying: the workspace gets the patch the recorded call produced; otherwise a repaired task
  // starts from its own earlier patch.
  const seeds = job.seeds?.get(task.id);
  const replay = ctx.ports.replay;
  const seed = replay ? replay.patchFor({ stage: ctx.stage.id, task: task.id, round: job.round, attempt: 1 }) : job.previous?.get(task.id)?.patch;
  const prompt = ctx.render(job.prompt, {
    task,
    tasks: job.allTasks,
    round: job.round,
    feedback: job.feedback?.get(task.id) ?? '',
    verify: task.verify ?? String((ctx.scope.inputs as Record<string, unknown> | undefined)?.check ?? ''),
  });
  const runtime = task.runtime ?? ctx.stage.runtime ?? fanoutDefinition.runtime!;
  const { agent: result, patch } = await executor.runStep(ctx, {
    task: task.id,
    round: job.round,
    prompt,
    runtime,
    base: job.base,
    ...(seeds?.patches.length ? { seedFrom: seeds.patches } : {}),
    ...(seed ? { seed } : {}),
    name: `${task.id}.r${job.round}`,
    pendingRemovals: job.concurrency,
  });
  const ok = result.outcome === 'ok';
  return {
    task: task.id,
    round: job.round,
    ok,
    ...(ok ? {} : { error: agentFailure(result, `task ${task.id}`) }),
    finalMessage: result.finalMessage,
    patch,
    files: patch.files,
    ...(seeds?.tasks.length ? { seededBy: seeds.tasks } : {}),
  };
}
