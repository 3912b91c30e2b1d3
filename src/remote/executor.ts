/**
 * The remote executor (`odw run --executor <queue>`): each task step becomes a BullMQ job that an
 * `odw worker` runs; the coordinator keeps the call folder, the events and the capture, so the run
 * record is what a local run writes. The returned change is applied to a fresh workspace here and
 * captured again (a patch made elsewhere can differ in bytes: git abbreviates blob ids by object count).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Queue } from 'bullmq';
import type { AgentRequest, AgentResult, RuntimeProfile } from '../ports/agents.js';
import type { TaskExecutor, TaskStep } from '../ports/executor.js';
import type { Git, GitRun, TaskPatch } from '../ports/git.js';
import type { StageContext } from '../stages/types.js';
import { callAgent } from '../workflow/agent.js';
import { gitRun, requireGit } from '../workflow/git-run.js';
import { startFrom } from '../workflow/local-step.js';
import { maxBundleBytes, shipBase } from './base.js';
import { loadBullMQ, odwVersion, redisClient, seconds, type RedisClient } from './connect.js';
import { checkRemotePipeline } from './refuse.js';
import { awaitJob } from './await-job.js';
import { PROTOCOL_VERSION, QUEUE_NAME, RemoteError, type StepJob, type StepReply } from './protocol.js';
import type { QueueAddress } from './queue-url.js';
import { writeCallFiles } from './call-files.js';

export function createRemoteExecutor(address: QueueAddress, env: NodeJS.ProcessEnv): TaskExecutor<StageContext> {
  let queue: Promise<Queue> | undefined;
  let redis: RedisClient | undefined;
  const bases = new Map<string, Promise<string>>();
  const client = () => (redis ??= redisClient(address.connection, { failFast: true }));
  const open = () => (queue ??= loadBullMQ().then(({ Queue }) => new Queue(QUEUE_NAME, { connection: client() as never })));

  return {
    check: checkRemotePipeline,
    async runStep(ctx, step) {
      const git = requireGit(ctx);
      let made = bases.get(step.base);
      if (!made) bases.set(step.base, (made = shipBase(client(), git, ctx.run.repo, step.base, maxBundleBytes(env), ctx.signal)));
      await made.catch((error: unknown) => unreachable(error, address.display));
      let reply: StepReply | undefined;
      const send = async (request: AgentRequest): Promise<AgentResult> => {
        const job = await (
          await open()
        )
          .add(`${ctx.run.id} ${step.name}`, await jobData(ctx, step, request), {
            jobId: `${ctx.run.id}.${ctx.stage.id}.${step.name}.${Date.now().toString(36)}`,
            // An agent that fails comes back as a result, never as a job failure: only infrastructure retries.
            attempts: 3,
            backoff: { type: 'exponential', delay: 1000 },
            removeOnComplete: { age: 3600 },
            removeOnFail: { age: 24 * 3600 },
          })
          .catch((error: unknown) => unreachable(error, address.display));
        const done = await awaitJob(await open(), client(), job, {
          runId: ctx.run.id,
          task: step.task,
          pickupMs: seconds(env, 'ODW_PICKUP_TIMEOUT', 120),
          signal: ctx.signal,
          queue: address.display,
        });
        reply = done.reply;
        await writeCallFiles(request.callDir, done.reply, done.attempts);
        return reply.agent;
      };
      const agent = await callAgent(ctx, { runtime: step.runtime, prompt: step.prompt, cwd: '.', meta: { task: step.task, round: step.round } }, send);
      const patch = await recapture(git, gitRun(ctx, step.base), step, reply);
      return { agent, patch };
    },
    async close() {
      if (queue) await (await queue).close();
      if (redis) await redis.quit().catch(() => redis?.disconnect());
    },
  };
}

/** A Redis that cannot be reached is named as such (an error of odw's own keeps its category). */
function unreachable(error: unknown, queue: string): never {
  if ((error as { category?: unknown }).category) throw error;
  throw new RemoteError(
    'queue_unreachable',
    `odw could not reach the queue at ${queue}: ${(error as Error).message} (is Redis running there, and REDIS_PASSWORD set if it needs one?)`,
  );
}

async function jobData(ctx: StageContext, step: TaskStep, request: AgentRequest): Promise<StepJob> {
  const profile = ctx.plan.spec.runtimes?.[step.runtime] as RuntimeProfile;
  const ws = ctx.plan.spec.workspace;
  return {
    protocol: PROTOCOL_VERSION,
    odw: await odwVersion(),
    runId: ctx.run.id,
    stage: { id: ctx.stage.id, kind: ctx.stage.kind, ...(ctx.round ? { round: ctx.round } : {}) },
    task: step.task,
    round: step.round,
    prompt: step.prompt,
    runtime: step.runtime,
    profile,
    base: step.base,
    name: step.name,
    workspace: { ...(ws?.setup ? { setup: ws.setup } : {}), ...(ws?.ignore ? { ignore: ws.ignore } : {}) },
    ...(step.seed?.bytes ? { seed: (await readFile(step.seed.patchFile)).toString('base64') } : {}),
    ...(step.seedFrom?.length ? { seedFrom: await Promise.all(step.seedFrom.map(async (p) => (await readFile(p.patchFile)).toString('base64'))) } : {}),
    ...(request.timeoutMs !== undefined ? { timeoutMs: request.timeoutMs } : {}),
  };
}

/**
 * The worker's change, applied to a fresh workspace at the base (no setup: what setup made was
 * never captured) and captured here, so the patch file is byte for byte what a local run writes.
 */
async function recapture(git: Git, run: GitRun, step: TaskStep, reply: StepReply | undefined): Promise<TaskPatch> {
  const plain: GitRun = {
    ...run,
    workspace: { ...(run.workspace?.root ? { root: run.workspace.root } : {}), ...(run.workspace?.ignore ? { ignore: run.workspace.ignore } : {}) },
  };
  const dir = await mkdtemp(join(tmpdir(), 'odw-returned-'));
  try {
    const bytes = reply ? Buffer.from(reply.patch, 'base64') : Buffer.alloc(0);
    const patchFile = join(dir, `${step.name}.patch`);
    await writeFile(patchFile, bytes);
    return await git.withWorkspace(
      plain,
      step.task,
      async (wt) => {
        // As the local step: the seedFrom patches first, and the capture holds only what came after them.
        const returned = bytes.length ? ({ task: step.task, patchFile, bytes: bytes.length } as TaskPatch) : undefined;
        const since = await startFrom(git, wt, step.seedFrom, returned);
        return git.capture(plain, wt, { name: step.name, ...(since ? { since } : {}), ...(reply?.ignored.length ? { ignored: reply.ignored } : {}) });
      },
      { pendingRemovals: step.pendingRemovals },
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
