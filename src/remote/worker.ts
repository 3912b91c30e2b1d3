/**
 * `odw worker`: takes task steps from the queue and runs them (src/remote/worker-step.ts), with
 * the agents and credentials of this machine. A run's cancel reaches it as a message (the run's
 * agents are stopped at once) and as a key it checks when it picks a job up. It announces itself
 * under `odw:worker:<name>` (name, odw version, credential variable names) for `odw doctor`.
 */
import { mkdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Job } from 'bullmq';
import { isSecretName } from '../agents/redact.js';
import { createAgentPort } from '../agents/index.js';
import { systemClock } from '../adapters/clock.js';
import { createProcessRunner } from '../adapters/process.js';
import { reap, waitGone } from '../adapters/reap.js';
import { createGit, takeGitConfig } from '../git/index.js';
import { GitError } from '../ports/git.js';
import { loadBullMQ, odwVersion, redisClient } from './connect.js';
import { CANCEL_CHANNEL, cancelKey, PROTOCOL_VERSION, QUEUE_NAME, workerKey, type StepJob, type StepReply } from './protocol.js';
import type { QueueAddress } from './queue-url.js';
import { runStepJob, type WorkerDeps } from './worker-step.js';

export interface WorkerOptions {
  address: QueueAddress;
  concurrency: number;
  name: string;
  workDir: string;
  env: NodeJS.ProcessEnv;
  /** How long a job's lock lasts without renewal: a worker silent this long is taken as dead and its job runs elsewhere. */
  lockMs: number;
  log(line: string): void;
}

export interface RunningWorker {
  /** Stop taking jobs; wait for the running ones (or, with `force`, stop their agents and hand them back). */
  stop(force?: boolean): Promise<void>;
}

/** Categories a step's failure keeps (the same failure as in a local run), never retried by the queue. */
const DETERMINISTIC = new Set(['workspace_setup_failed', 'workspace_prepare_failed']);

const WORK_DIR_VARIABLE = 'ODW_WORKER_DIR';

/**
 * Agents a worker killed with SIGKILL left running (nothing could stop them then): a worker
 * started in the same work dir (a restarted service) stops them before it takes a step.
 */
async function reapLeftovers(workDir: string): Promise<number[]> {
  const pids = reap({ marker: `${WORK_DIR_VARIABLE}=${workDir}`, cwd: join(workDir, 'workspaces'), since: 0 });
  await waitGone(pids);
  return pids;
}

export async function startWorker(o: WorkerOptions): Promise<RunningWorker> {
  const { Worker, UnrecoverableError } = await loadBullMQ();
  const version = await odwVersion();
  const redis = redisClient(o.address.connection);
  const subscriber = redisClient(o.address.connection);
  const process = createProcessRunner();
  // The git settings every job's git calls read: as they are now, before the worker runs any agent.
  await mkdir(o.workDir, { recursive: true });
  const gitConfig = await takeGitConfig(process, o.workDir);
  const deps: WorkerDeps = {
    name: o.name,
    workDir: o.workDir,
    redis,
    process,
    clock: systemClock,
    git: createGit({ process, config: gitConfig }),
    // Every agent carries the work dir, so that a worker started later in it can find what a killed one left.
    agents: createAgentPort({ process, clock: systemClock, env: { ...o.env, [WORK_DIR_VARIABLE]: o.workDir } }),
  };
  const left = await reapLeftovers(o.workDir);
  if (left.length) o.log(`${o.name}: stopped ${left.length} agent process(es) an earlier worker in ${o.workDir} left running`);
  const running = new Map<string, Set<AbortController>>();
  await subscriber.subscribe(CANCEL_CHANNEL);
  subscriber.on('message', (_channel, runId) => {
    for (const c of running.get(runId) ?? []) c.abort();
  });

  const refuse = (category: string, message: string) => new UnrecoverableError(`[${category}] ${message}`);
  const processor = async (job: Job<StepJob, StepReply>, _token?: string, queueSignal?: AbortSignal): Promise<StepReply> => {
    const data = job.data;
    if (data.protocol !== PROTOCOL_VERSION) {
      throw refuse(
        'remote_refused',
        `worker ${o.name} runs odw ${version} (job protocol ${PROTOCOL_VERSION}) and cannot run a job of odw ${data.odw ?? 'unknown'} (protocol ${data.protocol}): run the same odw version on the coordinator and the workers`,
      );
    }
    if (await redis.exists(cancelKey(data.runId))) throw refuse('cancelled', `run ${data.runId} was cancelled`);
    const controller = new AbortController();
    const mine = running.get(data.runId) ?? new Set();
    running.set(data.runId, mine.add(controller));
    const signal = queueSignal ? AbortSignal.any([controller.signal, queueSignal]) : controller.signal;
    o.log(`${o.name}: run ${data.runId} task ${data.task} round ${data.round} (attempt ${job.attemptsMade + 1})`);
    try {
      const reply = await runStepJob(deps, data, signal);
      o.log(`${o.name}: run ${data.runId} task ${data.task}: agent ${reply.agent.outcome}`);
      return reply;
    } catch (error) {
      if (controller.signal.aborted && (await redis.exists(cancelKey(data.runId)))) throw refuse('cancelled', `run ${data.runId} was cancelled`);
      const category = (error as GitError).category;
      o.log(`${o.name}: run ${data.runId} task ${data.task} failed: ${(error as Error).message}`);
      if (error instanceof GitError && DETERMINISTIC.has(category)) throw refuse(category, error.message);
      throw error;
    } finally {
      mine.delete(controller);
      if (!mine.size) running.delete(data.runId);
    }
  };

  // BullMQ does not close a connection it was given: odw closes it after the worker.
  const connection = redisClient(o.address.connection);
  const worker = new Worker<StepJob, StepReply>(QUEUE_NAME, processor, {
    connection: connection as never,
    concurrency: o.concurrency,
    lockDuration: o.lockMs,
    stalledInterval: Math.max(1000, Math.floor(o.lockMs / 2)),
    name: o.name,
  });
  worker.on('error', (error) => o.log(`${o.name}: queue error: ${error.message}`));
  const credentials = Object.keys(o.env)
    .filter((name) => isSecretName(name))
    .sort();
  const announce = () =>
    redis
      .set(
        workerKey(o.name),
        JSON.stringify({
          name: o.name,
          host: hostname(),
          pid: globalThis.process.pid,
          odw: version,
          protocol: PROTOCOL_VERSION,
          concurrency: o.concurrency,
          credentials,
        }),
        'EX',
        30,
      )
      .catch(() => undefined);
  await announce();
  const beat = setInterval(announce, 10_000);
  beat.unref();
  o.log(`${o.name}: waiting for task steps on ${o.address.display} (concurrency ${o.concurrency}, odw ${version})`);

  let stopping: Promise<void> | undefined;
  const clients = [subscriber, connection, redis];
  // Redis may be gone (a stopped server, a lost network): ioredis then queues commands until it
  // reconnects, so nothing that waits on Redis may hold up a stop for long.
  const graceful = async () => {
    clearInterval(beat);
    // Finishing running steps may take an agent's whole time; with none running, closing is quick or Redis is gone.
    await (running.size ? worker.close(false) : within(worker.close(false), STOP_MS));
    await within(redis.del(workerKey(o.name)), STOP_MS);
    await within(Promise.all(clients.map((c) => c.quit())), STOP_MS);
    for (const c of clients) c.disconnect();
  };
  const hard = async () => {
    await within(stopping ?? Promise.resolve(), STOP_MS);
    void worker.close(true).catch(() => undefined);
    for (const c of clients) c.disconnect();
  };
  return {
    stop(force = false) {
      if (force) for (const set of running.values()) for (const c of set) c.abort();
      stopping ??= graceful();
      // Stopped again (a second Ctrl-C): agents are stopped, their steps go back to the queue, the connections are dropped.
      return force ? hard() : stopping;
    },
  };
}

/** How long a stop waits on Redis before it lets go of the connection. */
const STOP_MS = 5_000;

/** Waits for `promise` at most `ms`; its failure or lateness is not the caller's business. */
function within(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise<void>((done) => {
    const timer = setTimeout(done, ms);
    promise.then(
      () => (clearTimeout(timer), done()),
      () => (clearTimeout(timer), done()),
    );
  });
}
