/** `odw doctor --executor <url>`: the queue, the workers that announce themselves, their odw version and credential names. */
import { loadBullMQ, odwVersion, redisClient } from './connect.js';
import { PROTOCOL_VERSION, QUEUE_NAME, workerKey } from './protocol.js';
import type { QueueAddress } from './queue-url.js';

export interface WorkerInfo {
  name: string;
  host: string;
  pid: number;
  odw: string;
  protocol: number;
  concurrency: number;
  credentials: string[];
}

export interface QueueReport {
  queue: string;
  ok: boolean;
  error?: string;
  jobs?: Record<string, number>;
  workers: (WorkerInfo & { compatible: boolean })[];
  fix?: string;
}

export async function queueDoctor(address: QueueAddress): Promise<QueueReport> {
  const redis = redisClient(address.connection, { failFast: true });
  try {
    const names = await redis.keys(workerKey('*'));
    const workers: QueueReport['workers'] = [];
    for (const key of names.sort()) {
      const text = await redis.get(key);
      if (!text) continue;
      const info = JSON.parse(text) as WorkerInfo;
      workers.push({ ...info, compatible: info.protocol === PROTOCOL_VERSION });
    }
    const { Queue } = await loadBullMQ();
    const queue = new Queue(QUEUE_NAME, { connection: redis as never });
    const jobs = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed');
    await queue.close();
    const fix = workers.length ? undefined : `start one: odw worker --queue ${address.display}`;
    return { queue: address.display, ok: workers.some((w) => w.compatible), jobs, workers, ...(fix ? { fix } : {}) };
  } catch (error) {
    return {
      queue: address.display,
      ok: false,
      error: (error as Error).message,
      workers: [],
      fix: 'is Redis running there, and REDIS_PASSWORD set if it needs one?',
    };
  } finally {
    await redis.quit().catch(() => redis.disconnect());
  }
}

export async function formatQueueReport(r: QueueReport): Promise<string> {
  if (r.error) return `queue    unreachable     ${r.queue}: ${r.error}  → ${r.fix}`;
  const counts = Object.entries(r.jobs ?? {})
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  const lines = [`queue    ${r.ok ? 'ok' : 'no-workers'}${r.ok ? '              ' : '      '}${r.queue}  jobs: ${counts}${r.fix ? `  → ${r.fix}` : ''}`];
  const mine = await odwVersion();
  for (const w of r.workers) {
    const skew = w.compatible
      ? w.odw === mine
        ? ''
        : `  (odw here: ${mine})`
      : `  → protocol ${w.protocol}, this odw speaks ${PROTOCOL_VERSION}: it refuses this odw's jobs`;
    lines.push(
      `worker   ${w.compatible ? 'ok' : 'incompatible'}${w.compatible ? '              ' : '    '}${w.name}  odw ${w.odw}  ${w.host} pid ${w.pid}  concurrency ${w.concurrency}  credentials: ${w.credentials.join(', ') || 'none'}${skew}`,
    );
  }
  return lines.join('\n');
}
