/**
 * The queue's address, as `odw worker --queue` and `odw run --executor` take it:
 * `redis://host[:port][/db]` or `redis+unix:///path/to/redis.sock[?db=N]`. A password never goes
 * in the URL (it would show in process lists, shell history and run records): odw reads it from
 * the environment variable REDIS_PASSWORD (and REDIS_USERNAME), by name, on each machine.
 */
import { UserError } from '../util/errors.js';

/** What ioredis (and so BullMQ) connects with. */
export interface QueueConnection {
  host?: string;
  port?: number;
  path?: string;
  db: number;
  username?: string;
  password?: string;
  /** BullMQ's workers need it: a command waits for Redis to come back instead of failing. */
  maxRetriesPerRequest: null;
}

export interface QueueAddress {
  connection: QueueConnection;
  /** The URL as it may be shown (it never holds a credential). */
  display: string;
}

const FORMS = 'use redis://host[:port][/db] or redis+unix:///path/to/redis.sock';

export function parseQueueUrl(url: string, env: NodeJS.ProcessEnv = {}): QueueAddress {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UserError(`queue address "${url}" is not a URL`, FORMS);
  }
  if (parsed.username || parsed.password) {
    throw new UserError(
      'the queue address holds a credential; odw does not take passwords in URLs (they show in process lists and run records)',
      'remove it from the URL and set REDIS_PASSWORD (and REDIS_USERNAME if needed) in the environment of odw and of each worker',
    );
  }
  const auth = {
    ...(env.REDIS_USERNAME ? { username: env.REDIS_USERNAME } : {}),
    ...(env.REDIS_PASSWORD ? { password: env.REDIS_PASSWORD } : {}),
  };
  if (parsed.protocol === 'redis:') return { connection: { ...tcp(parsed, url), ...auth, maxRetriesPerRequest: null }, display: url };
  if (parsed.protocol === 'redis+unix:') {
    if (parsed.hostname) throw new UserError(`queue address "${url}" names a host; a socket path starts after three slashes`, FORMS);
    const path = decodeURIComponent(parsed.pathname);
    if (!path || path === '/') throw new UserError(`queue address "${url}" names no socket file`, FORMS);
    return { connection: { path, db: dbNumber(parsed.searchParams.get('db') ?? '0', url), ...auth, maxRetriesPerRequest: null }, display: url };
  }
  throw new UserError(`queue address "${url}" has an unsupported scheme "${parsed.protocol.replace(/:$/, '')}"`, FORMS);
}

function tcp(parsed: URL, url: string): { host: string; port: number; db: number } {
  if (!parsed.hostname) throw new UserError(`queue address "${url}" names no host`, FORMS);
  const port = parsed.port ? Number(parsed.port) : 6379;
  const db = parsed.pathname && parsed.pathname !== '/' ? dbNumber(parsed.pathname.slice(1), url) : 0;
  if (parsed.search || parsed.hash) throw new UserError(`queue address "${url}" has a query or fragment odw does not read`, FORMS);
  return { host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'), port, db };
}

function dbNumber(text: string, url: string): number {
  if (!/^\d{1,2}$/.test(text)) throw new UserError(`queue address "${url}": the database must be a number (0-15), not "${text}"`, FORMS);
  return Number(text);
}
