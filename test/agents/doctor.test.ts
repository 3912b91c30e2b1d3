import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProcessRunner } from '../../src/adapters/process.js';
import { findExecutable, formatDoctor, runDoctor } from '../../src/agents/doctor.js';
import { main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/io.js';
import { tempDir } from '../helpers/tmp.js';

/** A folder with fake `codex` and `claude` executables printing a version. */
function fakeBins(): string {
  const dir = tempDir('odw-doctor-bin-');
  const write = (name: string, body: string) => {
    writeFileSync(join(dir, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(dir, name), 0o755);
  };
  write('codex', 'echo "codex-cli 9.9.9"');
  write('claude', 'echo "1.2.3 (Claude Code)"');
  return dir;
}

const systemPath = process.env.PATH ?? '/usr/bin:/bin';

describe('odw doctor', () => {
  it('finds the CLIs, their versions and where credentials come from (names only)', async () => {
    const bins = fakeBins();
    const home = tempDir('odw-doctor-home-');
    mkdirSync(join(home, '.claude'));
    writeFileSync(join(home, '.claude', '.credentials.json'), '{}');
    const env = { PATH: `${bins}:${systemPath}`, HOME: home, OPENAI_API_KEY: 'sk-secret-value-123' };
    const report = await runDoctor({ process: createProcessRunner(), env, cwd: home });

    const byName = Object.fromEntries(report.checks.map((c) => [c.name, c]));
    expect(byName.codex).toMatchObject({ status: 'ok', version: 'codex-cli 9.9.9', path: join(bins, 'codex'), credentials: ['OPENAI_API_KEY'] });
    expect(byName.claude).toMatchObject({ status: 'ok', version: '1.2.3 (Claude Code)', credentials: [join(home, '.claude', '.credentials.json')] });
    expect(byName.git.status).toBe('ok');
    expect(byName.node).toMatchObject({ status: 'ok', version: process.version });
    expect(report.ok).toBe(true);
    expect(JSON.stringify(report)).not.toContain('sk-secret-value-123');

    const text = formatDoctor(report);
    expect(text.trim().split('\n')).toHaveLength(5);
    expect(text).not.toContain('{');
    expect(text).toMatch(/^codex\s+ok\s+codex-cli 9\.9\.9/m);
  });

  it('says what to do when a CLI or its credentials are missing', async () => {
    const bins = fakeBins();
    const home = tempDir('odw-doctor-home-');
    const env = {
      PATH: systemPath
        .split(':')
        .filter((d) => !d.includes('odw-agents'))
        .join(':'),
      HOME: home,
      ODW_CLAUDE_BIN: join(bins, 'claude'),
      ODW_CODEX_BIN: join(home, 'nope'),
    };
    const report = await runDoctor({ process: createProcessRunner(), env, cwd: home, isRoot: true });
    const byName = Object.fromEntries(report.checks.map((c) => [c.name, c]));
    expect(byName.codex.status).toBe('missing');
    expect(byName.codex.fix).toContain('npm install -g @openai/codex');
    expect(byName.claude.status).toBe('no-credentials');
    expect(byName.claude.fix).toContain('ANTHROPIC_API_KEY');
    expect(byName.claude.notes).toContain('ODW_CLAUDE_BIN set');
    expect(byName.claude.notes.join(' ')).toContain('IS_SANDBOX=1');
    expect(report.ok).toBe(false);
  });

  it('looks paths up like a shell does', () => {
    const bins = fakeBins();
    expect(findExecutable('codex', { PATH: `/nonexistent:${bins}` }, '/')).toBe(join(bins, 'codex'));
    expect(findExecutable('./codex', {}, bins)).toBe(join(bins, 'codex'));
    expect(findExecutable('nothing-like-this', { PATH: bins }, '/')).toBeUndefined();
  });

  it('prints compact text by default and JSON with --json, and exits 0 either way', async () => {
    const bins = fakeBins();
    const out: string[] = [];
    const io: CliIO = { out: (t) => out.push(t), err: (t) => out.push(t), cwd: bins, env: { PATH: `${bins}:${systemPath}`, HOME: bins }, isTTY: false };
    expect(await main(['node', 'odw', 'doctor'], io)).toBe(0);
    expect(out.join('')).toMatch(/^claude\s+no-credentials/m);
    expect(out.join('')).not.toContain('{');
    out.length = 0;
    expect(await main(['node', 'odw', 'doctor', '--json'], io)).toBe(0);
    const report = JSON.parse(out.join(''));
    expect(report.checks.map((c: { name: string }) => c.name)).toEqual(['codex', 'claude', 'git', 'node', 'sandbox']);
  });

  it('says whether agents can be sandboxed: bwrap path, version and a probe; optional for the overall verdict', async () => {
    const bins = fakeBins();
    const home = tempDir('odw-doctor-home-');
    const env = { PATH: `${bins}:${systemPath}`, HOME: home, OPENAI_API_KEY: 'k', ANTHROPIC_API_KEY: 'k' };
    const sandbox = async (bwrap: string | undefined) => {
      const dir = tempDir('odw-doctor-bwrap-');
      if (bwrap !== undefined) {
        writeFileSync(join(dir, 'bwrap'), `#!/bin/sh\nif [ "$1" = --version ]; then echo "bubblewrap 9.8.7"; exit 0; fi\n${bwrap}\n`);
        chmodSync(join(dir, 'bwrap'), 0o755);
      }
      // Only this folder is searched for bwrap; the rest of PATH may hold a real one.
      const report = await runDoctor({ process: createProcessRunner(), env: { ...env, PATH: `${dir}:${bins}:/nonexistent` }, cwd: home });
      return { report, check: report.checks.find((c) => c.name === 'sandbox')!, path: join(dir, 'bwrap'), text: formatDoctor(report) };
    };

    const ok = await sandbox('[ "$*" = "--ro-bind / / --dev /dev --proc /proc --tmpfs /tmp --unshare-pid --die-with-parent --new-session -- true" ] || exit 3');
    expect(ok.check).toMatchObject({ status: 'ok', path: ok.path, version: 'bubblewrap 9.8.7', notes: [expect.stringContaining('probe: ok')] });
    expect(ok.text).toMatch(/^sandbox\s+ok\s+bubblewrap 9\.8\.7\s+\S+\/bwrap\s+probe: ok/m);

    const broken = await sandbox('echo "bwrap: No permissions to create new namespace" >&2; exit 1');
    expect(broken.check).toMatchObject({ status: 'broken', notes: ['probe: failed (bwrap: No permissions to create new namespace)'] });
    expect(broken.check.fix).toContain('unprivileged user namespaces');
    expect(broken.report.ok).toBe(ok.report.ok);

    const missing = await sandbox(undefined);
    expect(missing.check).toMatchObject({ status: 'missing', optional: true });
    expect(missing.check.fix).toContain('apt-get install bubblewrap');
    expect(missing.text).toMatch(/^sandbox\s+missing\s+→ install bubblewrap/m);
  });
});
