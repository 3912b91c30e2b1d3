/**
 * The configuration odw's git reads outside a repository: the global and system settings as they
 * were when the snapshot was taken, never the files as they are at a later call; odw's pinned
 * settings still win; includes are read into the snapshot, not followed again.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProcessRunner } from '../../src/adapters/process.js';
import { configWatch, takeGitConfig } from '../../src/git/config-snapshot.js';
import { gitRunner } from '../../src/git/exec.js';

const NAMES = ['GIT_CONFIG_GLOBAL', 'GIT_CONFIG_SYSTEM', 'GIT_CONFIG_NOSYSTEM', 'GIT_CONFIG_COUNT', 'GIT_CONFIG_PARAMETERS'];
let saved: Record<string, string | undefined>;
let dir: string;
let global: string;
let system: string;

beforeEach(() => {
  saved = Object.fromEntries(NAMES.map((n) => [n, process.env[n]]));
  dir = mkdtempSync(join(tmpdir(), 'odw-config-snapshot-'));
  global = join(dir, 'global.gitconfig');
  system = join(dir, 'system.gitconfig');
  writeFileSync(global, `[user]\n\temail = before@odw.invalid\n[core]\n\tpager = less\n[include]\n\tpath = ${join(dir, 'included.gitconfig')}\n`);
  writeFileSync(join(dir, 'included.gitconfig'), '[odw]\n\tincluded = before\n');
  writeFileSync(system, '[odw]\n\tsystem = before\n');
  for (const n of NAMES) delete process.env[n];
  process.env.GIT_CONFIG_GLOBAL = global;
  process.env.GIT_CONFIG_SYSTEM = system;
});

afterEach(() => {
  for (const [n, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[n];
    else process.env[n] = v;
  }
});

describe('the git config snapshot', () => {
  it('later changes to the global, system and included files are not read; odw’s pinned settings win', async () => {
    const processes = createProcessRunner();
    const git = gitRunner(processes, await takeGitConfig(processes, dir));
    writeFileSync(global, '[user]\n\temail = after@odw.invalid\n[filter "evil"]\n\tclean = evil\n');
    writeFileSync(join(dir, 'included.gitconfig'), '[odw]\n\tincluded = after\n');
    writeFileSync(system, '[odw]\n\tsystem = after\n');
    const get = async (key: string) => (await git(['config', key], { cwd: dir, allowFail: true })).stdout.trim();
    expect(await get('user.email')).toBe('before@odw.invalid');
    expect(await get('odw.included')).toBe('before');
    expect(await get('odw.system')).toBe('before');
    expect(await get('filter.evil.clean')).toBe('');
    expect(await get('core.pager')).toBe('cat');
    // the include itself is not passed on (git would read the file again)
    expect(await get('include.path')).toBe('');
  });

  it('configWatch names the files whose settings changed since the last look', async () => {
    const processes = createProcessRunner();
    const changes = configWatch(processes, dir, await takeGitConfig(processes, dir));
    expect(await changes()).toEqual([]);
    writeFileSync(join(dir, 'included.gitconfig'), '[odw]\n\tincluded = after\n');
    expect(await changes()).toEqual([join(dir, 'included.gitconfig')]);
    // reported once: the next look starts from what is there now
    expect(await changes()).toEqual([]);
  });

  it('a configuration git cannot read stops every git call with git’s own message', async () => {
    writeFileSync(global, '[broken\n');
    const processes = createProcessRunner();
    const git = gitRunner(processes, await takeGitConfig(processes, dir));
    await expect(git(['--version'], { cwd: dir })).rejects.toThrow(/could not read your git configuration[\s\S]*bad config line 1/);
  });
});
