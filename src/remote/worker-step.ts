/**
 * One task step on a worker: a clone of the shipped base (made once per base and kept in the work
 * dir), then the step exactly as a local run does it (src/workflow/local-step.ts) with this
 * machine's agents and environment, and the reply: the captured patch and the call folder.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AgentPort } from '../ports/agents.js';
import type { Clock } from '../ports/clock.js';
import type { Git, TaskPatch } from '../ports/git.js';
import type { ProcessRunner } from '../ports/process.js';
import type { ExecutionPlan, PlanStage } from '../plan/types.js';
import type { StageContext } from '../stages/types.js';
import { localExecutor } from '../workflow/local-step.js';
import type { RedisClient } from './connect.js';
import { bundleKey, PROTOCOL_VERSION, type StepJob, type StepReply } from './protocol.js';

export interface WorkerDeps {
  name: string;
  workDir: string;
  redis: RedisClient;
  git: Git;
  agents: AgentPort;
  process: ProcessRunner;
  clock: Clock;
}

/** A call folder's files larger than this travel cut to their last bytes (output.log of a chatty agent). */
const MAX_FILE_BYTES = 4 * 1024 * 1024;

export async function runStepJob(deps: WorkerDeps, job: StepJob, signal: AbortSignal): Promise<StepReply> {
  const repo = await cloneOf(deps, job.base, signal);
  await mkdir(join(deps.workDir, 'jobs'), { recursive: true });
  const dir = await mkdtemp(join(deps.workDir, 'jobs', 'step-'));
  try {
    let seed: { task: string; patchFile: string; bytes: number } | undefined;
    if (job.seed) {
      const bytes = Buffer.from(job.seed, 'base64');
      seed = { task: job.task, patchFile: join(dir, 'seed.patch'), bytes: bytes.length };
      await writeFile(seed.patchFile, bytes);
    }
    const seedFrom = await Promise.all(
      (job.seedFrom ?? []).map(async (b64, i) => {
        const bytes = Buffer.from(b64, 'base64');
        const patchFile = join(dir, `seed-from-${i}.patch`);
        await writeFile(patchFile, bytes);
        return { task: job.task, patchFile, bytes: bytes.length } as TaskPatch;
      }),
    );
    const ctx = stepContext(deps, job, repo, dir, signal);
    const out = await localExecutor.runStep(ctx, {
      task: job.task,
      round: job.round,
      prompt: job.prompt,
      runtime: job.runtime,
      base: job.base,
      ...(seedFrom.length ? { seedFrom } : {}),
      ...(seed ? { seed } : {}),
      name: job.name,
      pendingRemovals: 1,
    });
    return {
      protocol: PROTOCOL_VERSION,
      worker: deps.name,
      agent: out.agent,
      patch: (await readFile(out.patch.patchFile)).toString('base64'),
      ignored: out.patch.ignored,
      callFiles: await callFolder(join(dir, 'calls')),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** What callAgent and the local step read of a stage's context, for a step that came over the wire. */
function stepContext(deps: WorkerDeps, job: StepJob, repo: string, dir: string, signal: AbortSignal): StageContext {
  const stage: PlanStage = {
    type: 'stage',
    id: job.stage.id,
    name: job.stage.id,
    kind: job.stage.kind as PlanStage['kind'],
    runtime: job.runtime,
    with: {},
    edges: {},
    needs: [],
    level: 0,
  };
  const spec = { runtimes: { [job.runtime]: job.profile }, workspace: { root: join(deps.workDir, 'workspaces'), ...job.workspace } };
  return {
    stage,
    plan: { spec } as unknown as ExecutionPlan,
    run: { id: job.runId, dir, repo },
    ...(job.stage.round ? { round: job.stage.round } : {}),
    scope: {},
    render: (template) => template,
    logFile: join(dir, 'stage.log'),
    emit: () => undefined,
    ports: { process: deps.process, clock: deps.clock, git: deps.git, agents: deps.agents },
    signal,
  };
}

const clones = new Map<string, Promise<string>>();

/** The worker's clone of a base, made from the bundle in Redis the first time a job needs it. */
function cloneOf(deps: WorkerDeps, base: string, signal: AbortSignal): Promise<string> {
  const dest = join(deps.workDir, 'repos', base);
  let made = clones.get(dest);
  if (!made) {
    made = (async () => {
      if (await exists(dest)) return dest;
      const bytes = await deps.redis.getBuffer(bundleKey(base));
      if (!bytes) throw new Error(`the base bundle of commit ${base} is not in Redis (expired or evicted); the coordinator ships it again on its next run`);
      await mkdir(join(deps.workDir, 'bundles'), { recursive: true });
      const file = join(deps.workDir, 'bundles', `${base}.bundle`);
      await writeFile(file, bytes);
      await deps.git.cloneBundle!(file, dest, base, signal);
      await rm(file, { force: true });
      return dest;
    })();
    clones.set(dest, made);
    made.catch(() => clones.delete(dest));
  }
  return made;
}

async function callFolder(calls: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const [call] = await readdir(calls).catch(() => [] as string[]);
  if (!call) return files;
  for (const name of await readdir(join(calls, call))) {
    const bytes = await readFile(join(calls, call, name)).catch(() => undefined);
    if (!bytes) continue;
    files[name] = (bytes.length > MAX_FILE_BYTES ? bytes.subarray(bytes.length - MAX_FILE_BYTES) : bytes).toString('base64');
  }
  return files;
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );
