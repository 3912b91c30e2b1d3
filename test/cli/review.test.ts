/**
 * The shipped PR-review pipeline (`odw run review --input base=main`) with its reviewer runtime on
 * the scripted agent (a file that extends odw:review, as forks do), and the review of the working
 * tree's uncommitted changes (`with.worktree`). The user's repository must not change.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { odw } from '../helpers/cli.js';
import { gitdir, scratchDir } from '../helpers/gitdir.js';
import { featureRepo, repoState, reviewEntries, runReview } from '../helpers/review.js';

const AGENT = fileURLToPath(new URL('../fixtures/agents/scripted.mjs', import.meta.url));
const COMMAND = JSON.stringify([process.execPath, AGENT]);
const BASE = { 'src/app.js': 'export const greet = () => "hi";\n', '.gitignore': '*.log\n' };
const APPROVE = { decision: 'approve', summary: 'looks right', blockers: [] };

/** A scratch folder with the scenario, a pipeline file and where the scripted agent logs its calls. */
function scratch(scenario: unknown, pipeline: string): { dir: string; file: string; env: Record<string, string> } {
  const dir = scratchDir('odw-review-');
  const file = join(dir, 'pipeline.yml');
  writeFileSync(file, pipeline.replaceAll('<ROOT>', JSON.stringify(join(dir, 'worktrees'))));
  writeFileSync(join(dir, 'scenario.json'), JSON.stringify(scenario));
  return { dir, file, env: { ODW_SCENARIO: join(dir, 'scenario.json'), ODW_SCENARIO_LOG: join(dir, 'calls.jsonl') } };
}

const FORK = `extends: odw:review\nruntimes:\n  reviewer: { agent: command, command: ${COMMAND}, timeout: 60s }\nworkspace:\n  root: <ROOT>\n`;

describe('odw run review (the shipped PR-review pipeline)', () => {
  it('approves the branch against main (exit 0): both reviewers see the diff in a private workspace; the verdict is in --json', async () => {
    const repo = await featureRepo(BASE, { 'src/app.js': 'export const greet = (name) => `hi ${name}`;\n', 'src/new.js': 'export {};\n' });
    const s = scratch({ review: { '*': { '*': APPROVE } } }, FORK);
    const before = await repoState(repo);
    const r = await runReview(repo, [s.file, '--input', 'base=main', '--input', 'check=grep -q name src/app.js', '--json'], s.env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [entry] = reviewEntries(r.events);
    expect(entry).toMatchObject({ decision: 'approve', files: ['src/app.js', 'src/new.js'], check: { ok: true }, change: { source: 'base', base: 'main' } });
    expect(entry.reviewers.map((x: { reviewer: string }) => x.reviewer)).toEqual(['correctness', 'owner-risk']);
    const calls = r.record.calls as { id: string; meta: { reviewer: string } }[];
    expect(calls.map((c) => c.meta.reviewer).sort()).toEqual(['correctness', 'owner-risk']);
    const prompt = readFileSync(join(repo.dir, '.odw/runs', r.record.id, 'calls', calls[0].id, 'prompt.md'), 'utf8');
    expect(prompt).toMatch(/the current branch\nagainst main \(commit [0-9a-f]{40} against their merge base [0-9a-f]{40}\)/);
    expect(prompt).toContain('+export const greet = (name) => `hi ${name}`;');
    expect(prompt).toContain('The change touches: src/app.js, src/new.js');
    const logged = readFileSync(s.env.ODW_SCENARIO_LOG, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(logged.every((c: { cwd: string }) => c.cwd.startsWith(join(s.dir, 'worktrees')))).toBe(true);
    expect(await repoState(repo)).toEqual(before);
  });

  it('a reviewer that needs the owner ends the run with needs_owner (exit 1)', async () => {
    const repo = await featureRepo(BASE, { 'src/app.js': 'export const greet = () => "hello";\n' });
    const s = scratch(
      {
        review: {
          correctness: { '*': { decision: 'needs_owner', summary: 'which greeting?', blockers: ['Should it say hello or hi?'] } },
          '*': { '*': APPROVE },
        },
      },
      FORK,
    );
    const r = await runReview(repo, [s.file, '--input', 'base=main'], s.env);
    expect(r.code).toBe(1);
    expect(r.record.error).toMatchObject({ category: 'needs_owner' });
    expect(r.record.stages.review.outputs.decision).toBe('needs_owner');
    expect(r.shown).toContain('Should it say hello or hi?');
  });

  it('by name: a missing or unknown base is a usage error before any agent runs (exit 2)', async () => {
    const repo = await featureRepo(BASE, { 'src/app.js': 'x\n' });
    // The codex CLI "exists" (any file will do): the base is checked before any call would start.
    const env = { ODW_CODEX_BIN: process.execPath };
    const missing = await odw(['run', 'review', '--repo', repo.dir], { cwd: repo.dir, env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('input "base" is required');
    const unknown = await odw(['run', 'review', '--input', 'base=mian', '--repo', repo.dir], { cwd: repo.dir, env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('review stage "review": the base "mian" (from --input base) names no commit in');
    const empty = await odw(['run', 'review', '--input', 'base=', '--repo', repo.dir], { cwd: repo.dir, env });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('review stage "review": its base revision (from --input base) is empty; nothing was run');
  });
});

describe('a review of the working tree (with.worktree)', () => {
  const PIPELINE = [
    'name: uncommitted',
    'runtimes:',
    `  reviewer: { agent: command, command: ${COMMAND}, timeout: 60s }`,
    'workspace:',
    '  root: <ROOT>',
    'stages:',
    '  - id: review',
    '    uses: review',
    '    with:',
    '      worktree: true',
    '      check: grep -qx staged src/app.js && grep -qx unstaged README.md && test -f notes.md && test ! -e debug.log',
    '',
  ].join('\n');

  it('reviews staged, unstaged and untracked changes (not ignored files) without touching the index, the tree or the objects', async () => {
    const repo = await gitdir({ files: { ...BASE, 'README.md': '# app\n' } });
    await repo.write('src/app.js', 'staged\n');
    await repo.git(['add', 'src/app.js']);
    await repo.write('README.md', 'unstaged\n');
    await repo.write('notes.md', 'new file\n');
    await repo.write('debug.log', 'ignored\n');
    const s = scratch({ review: { '*': { '*': APPROVE } } }, PIPELINE);
    const before = await repoState(repo);
    const r = await runReview(repo, [s.file, '--json'], s.env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [entry] = reviewEntries(r.events);
    expect(entry).toMatchObject({ decision: 'approve', files: ['README.md', 'notes.md', 'src/app.js'], check: { ok: true }, change: { source: 'worktree' } });
    expect(r.record.headline).toBe('approved the uncommitted changes (3 files)');
    expect(await repoState(repo)).toEqual(before);
  });

  it('a clean tree is nothing_to_review (exit 1)', async () => {
    const repo = await gitdir({ files: BASE });
    const s = scratch({ review: { '*': { '*': APPROVE } } }, PIPELINE);
    const r = await runReview(repo, [s.file], s.env);
    expect(r.code).toBe(1);
    expect(r.record.error.category).toBe('nothing_to_review');
    expect(r.record.error.message).toContain('the working tree has no uncommitted changes against HEAD');
  });

  it('base and worktree together, or with from, are validation errors (exit 2)', async () => {
    const s = scratch({}, PIPELINE.replace('      worktree: true', '      worktree: true\n      base: main'));
    const r = await odw(['validate', s.file], { cwd: s.dir });
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toMatch(/stages\[0\]\.with\.worktree: review stage "review" sets both "base" and "worktree"/);
    const t = scratch({}, PIPELINE.replace('      worktree: true', '      worktree: true\n      from: [implement]'));
    const c = await odw(['validate', t.file], { cwd: t.dir });
    expect(c.code).toBe(2);
    expect(c.stdout + c.stderr).toContain('review stage "review" reviews an existing change ("worktree"), so it takes no "from"');
  });
});
