/**
 * The `sandbox` setting before a run: `odw run` / `odw resume` stop with exit 2, before anything
 * runs, when a sandboxed runtime has no bwrap, a bwrap that cannot create namespaces, or (codex)
 * a CODEX_HOME where codex's own sandbox cannot work. No real bwrap is needed.
 */
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { missingAgents } from '../../src/agents/preflight.js';
import { odw } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

describe('sandbox preflight', () => {
  const profiles = {
    boxed: { agent: 'command' as const, command: [process.execPath, 'agent.mjs'], sandbox: true },
    open: { agent: 'command' as const, command: [process.execPath, 'agent.mjs'] },
  };

  it('names each sandboxed runtime when bwrap is missing or cannot create namespaces', () => {
    const missing = missingAgents(profiles, ['boxed', 'open'], {}, '/', { bwrap: () => ({ ok: false, problem: 'no bwrap' }) });
    expect(missing).toEqual([
      {
        runtime: 'boxed',
        agent: 'command',
        command: 'bwrap',
        problem: 'has sandbox on and needs `bwrap`, which is not installed or not on PATH',
        hint: expect.stringMatching(/^install bubblewrap .*apt-get install bubblewrap.*, or set `sandbox: false` on runtime "boxed"$/),
      },
    ]);
    const broken = missingAgents(profiles, ['boxed'], {}, '/', {
      bwrap: () => ({
        ok: false,
        path: '/usr/bin/bwrap',
        problem: '/usr/bin/bwrap cannot create a sandbox here (bwrap: No permissions to create new namespace)',
      }),
    });
    expect(broken[0].problem).toBe('has sandbox on, but /usr/bin/bwrap cannot create a sandbox here (bwrap: No permissions to create new namespace)');
    expect(broken[0].hint).toContain('unprivileged user namespaces');
    expect(missingAgents(profiles, ['boxed'], {}, '/', { bwrap: () => ({ ok: true, path: '/usr/bin/bwrap' }) })).toEqual([]);
  });

  it('stops a sandboxed codex whose own sandbox could not write: CODEX_HOME under /tmp', () => {
    const ok = () => ({ ok: true as const, path: '/usr/bin/bwrap' });
    const codex = (extra: Record<string, unknown>) => ({ agent: 'codex' as const, bin: process.execPath, sandbox: true, ...extra });
    const [stop] = missingAgents({ impl: codex({ env: { CODEX_HOME: '/tmp/x/codex' } }) }, ['impl'], { HOME: '/root' }, '/', { bwrap: ok });
    expect(stop.problem).toBe(
      'has sandbox on, but its CODEX_HOME (/tmp/x/codex) is under /tmp: codex refuses to create its sandbox helper there, and every write of the agent would fail',
    );
    expect(stop.hint).toBe('give runtime "impl" a CODEX_HOME outside /tmp (its env), or permission: full-access (odw\'s sandbox then confines codex alone)');
    expect(missingAgents({ impl: codex({ env: { HOME: '/tmp/h' } }) }, ['impl'], { HOME: '/root' }, '/', { bwrap: ok })).toHaveLength(1);
    expect(missingAgents({ impl: codex({ env: { CODEX_HOME: '/tmp/x/codex' }, permission: 'full-access' }) }, ['impl'], {}, '/', { bwrap: ok })).toEqual([]);
    expect(missingAgents({ impl: codex({}) }, ['impl'], { HOME: '/root' }, '/', { bwrap: ok })).toEqual([]);
    expect(missingAgents({ impl: codex({ sandbox: false, env: { CODEX_HOME: '/tmp/x' } }) }, ['impl'], {}, '/', { bwrap: ok })).toEqual([]);
  });

  /** A folder with the shipped pipeline on command agents, the implementer sandboxed. */
  function sandboxedPipeline(): string {
    const repo = tempDir();
    const command = JSON.stringify([process.execPath, '-e', '0']);
    writeFileSync(
      join(repo, 'p.yml'),
      [
        'extends: odw:parallel-review-apply',
        'runtimes:',
        `  planner: { agent: command, command: ${command} }`,
        `  implementer: { agent: command, command: ${command}, sandbox: { writable: ["~/.npm"] } }`,
        `  reviewer: { agent: command, command: ${command} }`,
        '',
      ].join('\n'),
    );
    return repo;
  }

  it('odw run stops with exit 2 before anything runs when bwrap is not on PATH', async () => {
    const repo = sandboxedPipeline();
    // PATH holds node and nothing else (node's own folder may hold bwrap too).
    const bin = join(tempDir('odw-no-bwrap-'), 'bin');
    mkdirSync(bin);
    symlinkSync(process.execPath, join(bin, 'node'));
    const r = await odw(['run', 'p.yml', '--repo', repo, '--input', 'request=x'], { cwd: repo, env: { PATH: bin } });
    expect(r.stderr).toContain('odw: runtime "implementer" (command) has sandbox on and needs `bwrap`, which is not installed or not on PATH; nothing was run');
    expect(r.stderr).toContain('hint: install bubblewrap (Debian/Ubuntu: `apt-get install bubblewrap`), or set `sandbox: false` on runtime "implementer"');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(2);
  });

  it('odw run says so when bwrap is there but cannot create namespaces', async () => {
    const repo = sandboxedPipeline();
    const bin = join(tempDir('odw-fake-bwrap-'), 'bin');
    mkdirSync(bin);
    writeFileSync(
      join(bin, 'bwrap'),
      '#!/bin/sh\necho "bwrap: No permissions to create new namespace, likely because the kernel does not allow non-privileged user namespaces." >&2\nexit 1\n',
    );
    chmodSync(join(bin, 'bwrap'), 0o755);
    const r = await odw(['run', 'p.yml', '--repo', repo, '--input', 'request=x'], { cwd: repo, env: { PATH: `${bin}:/usr/bin:/bin` } });
    expect(r.stderr).toContain(
      `odw: runtime "implementer" (command) has sandbox on, but ${join(bin, 'bwrap')} cannot create a sandbox here (bwrap: No permissions to create new namespace`,
    );
    expect(r.stderr).toContain('hint: allow unprivileged user namespaces');
    expect(r.code).toBe(2);
  });
});
