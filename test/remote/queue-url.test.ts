import { describe, expect, it } from 'vitest';
import { parseQueueUrl } from '../../src/remote/queue-url.js';
import { UserError } from '../../src/util/errors.js';

const refused = (url: string) => {
  try {
    parseQueueUrl(url);
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as UserError).message;
  }
  throw new Error(`${url} was accepted`);
};

describe('queue addresses', () => {
  it('reads host, port and database of redis:// addresses', () => {
    expect(parseQueueUrl('redis://queue.internal:6380/3').connection).toEqual({ host: 'queue.internal', port: 6380, db: 3, maxRetriesPerRequest: null });
    expect(parseQueueUrl('redis://127.0.0.1').connection).toEqual({ host: '127.0.0.1', port: 6379, db: 0, maxRetriesPerRequest: null });
    expect(parseQueueUrl('redis://[::1]:7000').connection).toMatchObject({ host: '::1', port: 7000 });
  });

  it('reads the socket path of redis+unix:// addresses', () => {
    expect(parseQueueUrl('redis+unix:///run/redis/redis.sock').connection).toEqual({ path: '/run/redis/redis.sock', db: 0, maxRetriesPerRequest: null });
    expect(parseQueueUrl('redis+unix:///tmp/x.sock?db=2').connection).toMatchObject({ path: '/tmp/x.sock', db: 2 });
  });

  it('takes the password from the environment, by name, never from the URL', () => {
    expect(parseQueueUrl('redis://h', { REDIS_PASSWORD: 'hunter22', REDIS_USERNAME: 'odw' }).connection).toMatchObject({
      username: 'odw',
      password: 'hunter22',
    });
    const message = refused('redis://odw:hunter22@h:6379');
    expect(message).toContain('holds a credential');
    expect(message).not.toContain('hunter22');
    expect(refused('redis://:hunter22@h')).not.toContain('hunter22');
  });

  it('refuses what it cannot connect to, with the forms it takes', () => {
    expect(refused('localhost:6379')).toContain('unsupported scheme');
    expect(refused('http://h')).toContain('unsupported scheme "http"');
    expect(refused('not a url')).toContain('is not a URL');
    expect(refused('redis://h/x')).toContain('database must be a number');
    expect(refused('redis+unix:///')).toContain('names no socket file');
    expect(refused('redis+unix://host/tmp/x.sock')).toContain('names a host');
  });
});
