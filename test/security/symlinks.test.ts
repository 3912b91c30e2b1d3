/**
 * Symlinks in a candidate: one that points out of the repository (an absolute target, or `..`
 * past the root) is a review blocker naming the link, unless the review stage allows it; one
 * inside the repository is an ordinary change. Implementers are scripted agents that make links.
 */
import { lstatSync, mkdtempSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { odw } from '../helpers/cli.js';
import { flagshipArgs, readOutcome, steps, tree, type FlagshipOptions } from '../helpers/flagship.js';
import { gitdir } from '../helpers/gitdir.js';
import { ALPHA, BETA, always, approve, demoFiles, task } from '../flagship/scenarios.js';

const SCRIPTED = new URL('../fixtures/agents/scripted.mjs', import.meta.url);

/** An implementer that makes the links of ODW_TEST_SYMLINKS ({task: {path: target}}) in every round, then acts as the scripted agent. */
const WRAPPER = `
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
const kind = process.env.ODW_STAGE_KIND;
if (kind === 'fanout' || kind === 'repair') {
  const links = JSON.parse(process.env.ODW_TEST_SYMLINKS ?? '{}')[process.env.ODW_TASK_ID] ?? {};
  for (const [path, target] of Object.entries(links)) {
    mkdirSync(dirname(join(process.cwd(), path)), { recursive: true });
    rmSync(join(process.cwd(), path), { force: true });
    symlinkSync(target, join(process.cwd(), path));
  }
}
await import(${JSON.stringify(SCRIPTED.href)});
`;

async function runWithLinks(links: Record<string, Record<string, string>>, opts: Omit<FlagshipOptions, 'files' | 'scenario'> = {}) {
  const repo = await gitdir({ files: demoFiles });
  const dir = mkdtempSync(join(tmpdir(), 'odw-symlinks-'));
  const before = await tree(repo);
  const tasks = [task('alpha', ['src/a.js', ...Object.keys(links.alpha ?? {})]), task('beta', ['src/b.js', ...Object.keys(links.beta ?? {})])];
  const scenario = { implement: { alpha: { '*': { write: { 'src/a.js': ALPHA } } }, beta: { '*': { write: { 'src/b.js': BETA } } } }, review: always(approve) };
  const { args, env } = flagshipArgs(dir, repo, { ...opts, scenario, tasks });
  // The implementer runs the wrapper instead of the scripted agent.
  const wrapper = join(dir, 'linker.mjs');
  writeFileSync(wrapper, WRAPPER);
  const pipeline = join(dir, 'pipeline.yml');
  const text = readFileSync(pipeline, 'utf8').replace(
    /(implementer: \{ agent: command, command: )\[[^\]]*\]/,
    `$1${JSON.stringify([process.execPath, wrapper])}`,
  );
  writeFileSync(pipeline, text);
  const result = await odw(args, { cwd: repo.dir, env: { ...env, ODW_TEST_SYMLINKS: JSON.stringify(links) } });
  return { ...result, ...(await readOutcome(dir, repo)), before };
}

describe('symlinks in a candidate', () => {
  it('links to /etc/passwd, ../../outside and an absolute path: blockers naming each link, only their task repaired, nothing applied', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'odw-elsewhere-'));
    const links = { alpha: { 'src/passwd': '/etc/passwd', 'src/up': '../../outside', 'src/abs': elsewhere } };
    const r = await runWithLinks(links, { inputs: { maxRounds: '2' } });
    expect(r.code).toBe(1);
    expect(r.record.error).toMatchObject({
      category: 'review_rounds_exhausted',
      message: expect.stringContaining('symlink_outside_repo: task alpha made src/'),
    });
    expect(steps(r.record)).toEqual(['plan', 'implement r1', 'review r1 reject', 'repair r1 tasks=alpha kept=beta', 'review r2 reject']);
    const review2 = r.record.history.filter((h: { step: string }) => h.step === 'review').at(-1);
    expect(review2.gate).toBe('hazards');
    expect(review2.blockers.map((b: { file: string }) => b.file).sort()).toEqual(['src/abs', 'src/passwd', 'src/up']);
    const messages = review2.blockers.map((b: { message: string }) => b.message).join('\n');
    expect(messages).toContain('src/passwd a symlink to "/etc/passwd"');
    expect(messages).toContain('src/up a symlink to "../../outside"');
    expect(messages).toContain(`src/abs a symlink to ${JSON.stringify(elsewhere)}`);
    // No reviewer was asked to judge it, and the user's tree is as it was.
    expect(r.calls.filter((c) => c.kind === 'review')).toEqual([]);
    expect(await tree(r.repo)).toEqual(r.before);
    for (const link of Object.keys(links.alpha)) expect(lstatExists(join(r.repo.dir, link))).toBe(false);
  });

  it('allowed with the review stage setting allowOutsideSymlinks: true', async () => {
    const r = await runWithLinks({ alpha: { 'src/passwd': '/etc/passwd' } }, { extra: 'stages:\n  - id: review\n    with: { allowOutsideSymlinks: true }\n' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readlinkSync(join(r.repo.dir, 'src/passwd'))).toBe('/etc/passwd');
  });

  it('a symlink inside the repository is an ordinary change', async () => {
    const r = await runWithLinks({ alpha: { 'src/alias.js': 'a.js', 'docs/readme': '../README.md' } });
    expect(r.code).toBe(0);
    expect(r.record.history.filter((h: { step: string }) => h.step === 'review').map((h: { gate: string }) => h.gate)).toEqual(['review']);
    expect(readlinkSync(join(r.repo.dir, 'src/alias.js'))).toBe('a.js');
    expect(readlinkSync(join(r.repo.dir, 'docs/readme'))).toBe('../README.md');
  });
});

function lstatExists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
