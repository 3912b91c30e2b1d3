/** Runs coding agents on tasks, one isolated workspace each, in parallel; captures their patches. */
import type { GitRun, TaskPatch, Worktree } from '../ports/git.js';
import type { Task } from '../tasks/types.js';
import type { StageContext } from '../stages/types.js';
import { Semaphore } from '../util/semaphore.js';
import { agentFailure, callAgent } from './agent.js';
import type { TaskResult } from './candidates.js';
import { gitRun, requireGit } from './git-run.js';
import { fanoutDefinition } from '../stages/fanout/definition.js';

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
  const git = requireGit(ctx);
  const run = gitRun(ctx, job.base);
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
          return await git.withWorkspace(run, task.id, (wt) => runTask(ctx, job, run, task, wt), { pendingRemovals: job.concurrency });
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

async function runTask(ctx: StageContext, job: ImplementJob, run: GitRun, task: Task, wt: Worktree): Promise<TaskResult> {
  const git = requireGit(ctx);
  // Replaying: the workspace gets the patch the recorded call produced; otherwise a repaired task
  // starts from its own earlier patch.
  const seeds = job.seeds?.get(task.id);
  if (seeds?.patches.length) await git.seed(wt, seeds.patches);
  const since = seeds?.patches.length ? await git.filesTree(wt) : undefined;
  const replay = ctx.ports.replay;
  const start = replay ? replay.patchFor({ stage: ctx.stage.id, task: task.id, round: job.round, attempt: 1 }) : job.previous?.get(task.id)?.patch;
  if (start) await git.seed(wt, [start as TaskPatch]);
  const prompt = ctx.render(job.prompt, {
    task,
    tasks: job.allTasks,
    round: job.round,
    feedback: job.feedback?.get(task.id) ?? '',
    verify: task.verify ?? String((ctx.scope.inputs as Record<string, unknown> | undefined)?.check ?? ''),
  });
  const runtime = task.runtime ?? ctx.stage.runtime ?? fanoutDefinition.runtime!;
  const result = await callAgent(ctx, { runtime, prompt, cwd: wt.path, meta: { task: task.id, round: job.round } });
  const patch = await git.capture(run, wt, { name: `${task.id}.r${job.round}`, ...(since ? { since } : {}) });
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
