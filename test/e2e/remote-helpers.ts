/** A real redis-server on a Unix socket and real `odw worker` processes, for the scale-out tests. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ODW_BIN } from '../helpers/cli.js';
import { waitUntil } from '../helpers/wait.js';

export interface Redis {
  socket: string;
  url: string;
  /** `redis-cli` against it; stdout. */
  cli(args: string[]): string;
  stop(): void;
}

export async function startRedis(): Promise<Redis> {
  const dir = mkdtempSync(join(tmpdir(), 'odw-redis-'));
  const socket = join(dir, 'redis.sock');
  const child = spawn('redis-server', ['--port', '0', '--unixsocket', socket, '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
  const cli = (args: string[]) => {
    const r = spawnSync('redis-cli', ['-s', socket, ...args], { encoding: 'latin1', maxBuffer: 512 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(`redis-cli ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  const pong = () => spawnSync('redis-cli', ['-s', socket, 'PING'], { encoding: 'utf8' }).stdout?.trim() === 'PONG';
  await waitUntil(() => existsSync(socket) && pong(), 'redis-server to answer on its socket');
  return {
    socket,
    url: `redis+unix://${socket}`,
    cli,
    stop() {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every key in Redis with everything it holds, as text (binary values as latin1). */
export function dumpRedis(redis: Redis): { keys: string[]; text: string } {
  const keys = redis.cli(['--scan']).split('\n').filter(Boolean);
  let text = '';
  for (const key of keys) {
    const type = redis.cli(['TYPE', key]).trim();
    const read: Record<string, string[]> = {
      string: ['GET', key],
      hash: ['HGETALL', key],
      list: ['LRANGE', key, '0', '-1'],
      set: ['SMEMBERS', key],
      zset: ['ZRANGE', key, '0', '-1', 'WITHSCORES'],
      stream: ['XRANGE', key, '-', '+'],
    };
    text += `${key}\n${read[type] ? redis.cli(read[type]) : `(${type})`}\n`;
  }
  return { keys, text };
}

export interface Worker {
  child: ChildProcess;
  name: string;
  output(): string;
  exited: Promise<number | null>;
}

export function startWorker(redis: Redis, name: string, env: Record<string, string>, dir: string): Worker {
  const child = spawn(process.execPath, [ODW_BIN, 'worker', '--queue', redis.url, '--name', name, '--concurrency', '2', '--work-dir', join(dir, name)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return { child, name, output: () => out, exited };
}

/** Workers that have said they are waiting for jobs. */
export async function ready(workers: Worker[]): Promise<void> {
  await waitUntil(() => workers.every((w) => w.output().includes('waiting for task steps')), 'the workers to start');
}
