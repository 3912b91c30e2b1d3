/** What remote mode refuses before anything runs (no Redis needed: nothing is sent). */
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRemotePipeline } from '../../src/remote/refuse.js';
import { UserError } from '../../src/util/errors.js';
import { odw } from '../helpers/cli.js';
import { forkPipeline } from '../helpers/flagship.js';
import { gitdir, GIT_TEST_ENV, scratchDir } from '../helpers/gitdir.js';
import { calcFiles } from '../helpers/scenarios.js';

const message = (spec: Parameters<typeof checkRemotePipeline>[0]) => {
  try {
    checkRemotePipeline(spec);
    return undefined;
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as UserError).message;
  }
};

describe('remote mode refusals', () => {
  it('refuses a runtime profile that holds a literal secret value, naming the variable, never the value', () => {
    const text = message({ runtimes: { implementer: { agent: 'codex', env: { OPENAI_API_KEY: 'sk-live-1234567890' } } } });
    expect(text).toContain('runtime "implementer" sets OPENAI_API_KEY to a literal secret value');
    expect(text).not.toContain('sk-live-1234567890');
    expect(message({ runtimes: { r: { agent: 'command', env: { MODE: 'fast' }, command: ['x'] } } })).toBeUndefined();
  });

  it('refuses workspace.copy and workspace.link, which read the user tree', () => {
    expect(message({ workspace: { copy: ['.env.test'] } })).toContain('workspace.copy read files from your working tree');
    expect(message({ workspace: { copy: ['a'], link: ['node_modules'] } })).toContain('workspace.copy and workspace.link');
    expect(message({ workspace: { copy: [], link: [] } })).toBeUndefined();
  });

  it('odw run --executor: a refused pipeline or a bad queue address exits 2 before anything runs', async () => {
    const repo = await gitdir({ files: calcFiles });
    const dir = scratchDir('odw-refuse-');
    const pipeline = forkPipeline(dir, '', ['copy: [".env.test"]']);
    const refused = await odw(['run', pipeline, '--repo', repo.dir, '--input', 'request=x', '--executor', 'redis+unix:///nonexistent/redis.sock'], {
      cwd: repo.dir,
      env: GIT_TEST_ENV,
    });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('workspace.copy read files from your working tree');
    const bad = await odw(['run', pipeline, '--repo', repo.dir, '--input', 'request=x'], {
      cwd: repo.dir,
      env: { ...GIT_TEST_ENV, ODW_EXECUTOR: 'redis://u:hunter22@localhost' },
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('holds a credential');
    expect(bad.stderr).not.toContain('hunter22');
    const runs = join(repo.dir, '.odw/runs');
    expect(existsSync(runs) ? readdirSync(runs).filter((n) => /^\d/.test(n)) : []).toEqual([]);
  });
});
