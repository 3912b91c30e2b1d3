/**
 * Waiting for one step's job: by polling its state (no extra connection per run), with a deadline
 * for the first pick-up (no worker → `no_workers`), and a cancel that reaches workers on other
 * machines (BullMQ has none): a key the worker checks at pick-up, and a message that stops the
 * run's agents at once.
 */
import type { Job, Queue } from 'bullmq';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RedisClient } from './connect.js';
import { CANCEL_CHANNEL, cancelKey, RemoteError, type RemoteCategory, type StepReply } from './protocol.js';

export interface AwaitOptions {
  runId: string;
  task: string;
  /** How long the job may wait for its first worker. */
  pickupMs: number;
  signal: AbortSignal;
  /** The queue's address as shown. */
  queue: string;
}

const POLL_MS = 150;
/** After a cancel, how long the workers get to stop the agent and hand the job back. */
const CANCEL_GRACE_MS = 15_000;
const WAITING = new Set(['waiting', 'prioritized', 'waiting-children']);

export async function awaitJob(queue: Queue, redis: RedisClient, job: Job, o: AwaitOptions): Promise<{ reply: StepReply; attempts: number }> {
  const pickupDeadline = Date.now() + o.pickupMs;
  let picked = false;
  let cancelDeadline: number | undefined;
  for (;;) {
    if (o.signal.aborted && cancelDeadline === undefined) {
      cancelDeadline = Date.now() + CANCEL_GRACE_MS;
      await cancelRun(redis, o.runId);
      await job.remove().catch(() => undefined);
    }
    const state = await job.getState();
    if (state === 'completed' || state === 'failed') {
      const fresh = (await queue.getJob(job.id!)) ?? job;
      const attempts = (fresh as Job & { attemptsStarted?: number }).attemptsStarted || fresh.attemptsMade || 1;
      if (state === 'completed') return { reply: fresh.returnvalue as StepReply, attempts };
      throw failure(fresh.failedReason, o.task);
    }
    if (cancelDeadline !== undefined && (state === 'unknown' || WAITING.has(state) || Date.now() > cancelDeadline)) throw cancelled(o.runId);
    if (state === 'unknown') throw new RemoteError('remote_step_failed', `the job of task ${o.task} left the queue without a result (removed from Redis?)`);
    if (!WAITING.has(state)) picked = true;
    if (!picked && Date.now() > pickupDeadline) {
      await job.remove().catch(() => undefined);
      if (!(await job.getState().then((s) => WAITING.has(s) || s === 'unknown'))) continue;
      throw new RemoteError(
        'no_workers',
        `no odw worker took task ${o.task} within ${Math.round(o.pickupMs / 1000)} s on ${o.queue}: start workers with \`odw worker --queue ${o.queue}\` (ODW_PICKUP_TIMEOUT sets the wait, in seconds)`,
      );
    }
    await sleep(POLL_MS);
  }
}

/** Tells every worker that the run is cancelled (also done once per step; both are idempotent). */
async function cancelRun(client: RedisClient, runId: string): Promise<void> {
  await client.set(cancelKey(runId), '1', 'EX', 24 * 3600);
  await client.publish(CANCEL_CHANNEL, runId);
}

/** A worker's refusal names its category in brackets (`[remote_refused] …`); anything else is infrastructure. */
function failure(reason: string | undefined, task: string): RemoteError | Error {
  const m = /^\[([a-z_]+)\] ([\s\S]*)$/.exec(reason ?? '');
  if (m) return Object.assign(new Error(m[2]), { category: m[1] });
  return new RemoteError('remote_step_failed', `task ${task} could not be run on a worker: ${reason ?? 'no reason given'}`);
}

function cancelled(runId: string): Error {
  return Object.assign(new Error(`run ${runId} was cancelled`), { category: 'cancelled' as RemoteCategory | 'cancelled' });
}
