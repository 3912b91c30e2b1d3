/** What `odw worker` does: start a worker, run until SIGINT/SIGTERM, then stop cleanly. */
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseQueueUrl } from '../../remote/queue-url.js';
import { seconds } from '../../remote/connect.js';
import { UserError } from '../../util/errors.js';
import { EXIT } from '../exit.js';
import type { CommandContext } from '../main.js';

export interface WorkerFlags {
  queue: string;
  concurrency: string;
  name?: string;
  workDir?: string;
}

export async function workerCommand(ctx: CommandContext, flags: WorkerFlags): Promise<number> {
  const { io } = ctx;
  const address = parseQueueUrl(flags.queue, io.env);
  const concurrency = Number(flags.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new UserError(`--concurrency must be a whole number of at least 1, not "${flags.concurrency}"`);
  const name = flags.name ?? `${hostname()}-${process.pid}`;
  if (!/^[A-Za-z0-9_][A-Za-z0-9._-]*$/.test(name)) throw new UserError(`worker name "${name}" may hold letters, digits, ".", "_" and "-" only`);
  const workDir = flags.workDir ? resolve(io.cwd, flags.workDir) : join(tmpdir(), 'odw-worker', name);
  const { startWorker } = await import('../../remote/worker.js');
  const worker = await startWorker({
    address,
    concurrency,
    name,
    workDir,
    env: io.env,
    lockMs: seconds(io.env, 'ODW_WORKER_LOCK', 30),
    log: (line) => io.out(line),
  });
  await new Promise<void>((done) => {
    let signals = 0;
    const handler = () => {
      signals++;
      io.err(
        signals === 1
          ? `odw worker: stopping — finishing the running task steps (again to stop their agents and hand them back)`
          : 'odw worker: stopping agents',
      );
      void worker.stop(signals > 1).then(done, done);
    };
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
  });
  io.err('odw worker: stopped');
  // BullMQ's own connections may still be trying to reach a Redis that is gone: once stopped, the
  // worker exits when nothing else is left to do, or a second later at the latest.
  setTimeout(() => process.exit(process.exitCode ?? EXIT.ok), 1000).unref();
  return EXIT.ok;
}
