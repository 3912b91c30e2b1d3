/**
 * BullMQ and its Redis driver (ioredis), loaded only when a queue is used: `--executor local` runs
 * none of it. BullMQ's ESM build cannot load ioredis itself, so odw makes the clients and hands
 * them to BullMQ.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { QueueConnection } from './queue-url.js';
import { UserError } from '../util/errors.js';

export type BullMQ = typeof import('bullmq');

export const loadBullMQ = (): Promise<BullMQ> => import('bullmq');

/** The Redis commands odw itself uses beside BullMQ (ioredis' signatures). */
export interface RedisClient {
  exists(key: string): Promise<number>;
  set(key: string, value: string | Buffer, mode: 'EX', seconds: number): Promise<unknown>;
  expire(key: string, seconds: number): Promise<unknown>;
  get(key: string): Promise<string | null>;
  getBuffer(key: string): Promise<Buffer | null>;
  del(key: string): Promise<number>;
  keys(pattern: string): Promise<string[]>;
  publish(channel: string, message: string): Promise<number>;
  subscribe(channel: string): Promise<unknown>;
  on(event: 'message', listener: (channel: string, message: string) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  quit(): Promise<unknown>;
  disconnect(): void;
}

type RedisConstructor = new (options: Record<string, unknown>) => RedisClient;
// The driver is a CommonJS package: required, as BullMQ's own CommonJS build does.
const DRIVER = 'ioredis';
const requireDriver = (): unknown => createRequire(import.meta.url)('ioredis');

/** A Redis client. `failFast`: give up after a few seconds when Redis is not there (the coordinator; workers wait). */
export function redisClient(connection: QueueConnection, options: { failFast?: boolean } = {}): RedisClient {
  let required: RedisConstructor | { default: RedisConstructor };
  try {
    required = requireDriver() as RedisConstructor | { default: RedisConstructor };
  } catch {
    throw new UserError(`odw's queue needs the Redis driver package "${DRIVER}", which is not installed`, `install it next to odw: npm install ${DRIVER}`);
  }
  const Redis = 'default' in required ? required.default : required;
  const client = new Redis({
    ...connection,
    lazyConnect: false,
    ...(options.failFast ? { retryStrategy: (n: number) => (n > 10 ? null : Math.min(n * 200, 1000)) } : {}),
  });
  // ioredis reports a lost connection as an 'error' event while it reconnects; an unheard one would crash odw.
  client.on('error', () => undefined);
  return client;
}

/** The running odw's version (jobs carry it; workers announce it). */
export async function odwVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** Milliseconds from an environment variable given in seconds, or the default. */
export function seconds(env: NodeJS.ProcessEnv, name: string, fallbackSeconds: number): number {
  const value = Number(env[name]);
  return (Number.isFinite(value) && value > 0 ? value : fallbackSeconds) * 1000;
}
