/**
 * Secrets never reach what odw stores or applies: the shipped pipeline with scripted agents, a
 * secret in odw's environment (ODW_TEST_API_KEY), and agents that put its value in their answers
 * or in the files they write.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { odw } from '../helpers/cli.js';
import { flagshipArgs, runFlagship, steps, tree } from '../helpers/flagship.js';
import { gitdir, scratchDir } from '../helpers/gitdir.js';
import { ALPHA, BETA, always, approve, demoFiles, twoTasks } from '../flagship/scenarios.js';

const SECRET = 'sk-test-4f1c9a0e7d2b5863';
const env = { ODW_TEST_API_KEY: SECRET, HOME_PROJECT: 'src/a.js', MY_DIR: 'project' };

/** Every file under a folder whose bytes hold the value (relative paths). */
function holding(dir: string, value: string): string[] {
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  const walk = (abs: string, rel: string) => {
    for (const name of readdirSync(abs)) {
      const path = join(abs, name);
      if (statSync(path).isDirectory()) walk(path, `${rel}${name}/`);
      else if (readFileSync(path).includes(value)) found.push(`${rel}${name}`);
    }
  };
  walk(dir, '');
  return found;
}

describe('secrets in answers', () => {
  it('a reviewer that quotes the secret: nothing under .odw holds it, and routing still follows its file: (an ordinary env value)', async () => {
    const blocker = { message: `alpha logs the key ${SECRET}; fix alpha in ${env.HOME_PROJECT}`, file: 'src/a.js' };
    const r = await runFlagship({
      files: demoFiles,
      tasks: twoTasks,
      env,
      inputs: { check: 'node check.mjs' },
      scenario: {
        implement: { alpha: { '*': { write: { 'src/a.js': ALPHA } } }, beta: { '*': { write: { 'src/b.js': BETA } } } },
        review: {
          correctness: { '1': { decision: 'reject', summary: `saw ${SECRET} while reviewing with MY_DIR=project`, blockers: [blocker] }, '*': approve },
          'owner-risk': always(approve)['*'],
        },
      },
    });
    expect(r.code).toBe(0);
    expect(steps(r.record)).toEqual(['plan', 'implement r1', 'review r1 reject', 'repair r1 tasks=alpha kept=beta', 'review r2 approve', 'apply', 'verify']);
    const runFolder = join(r.repo.dir, '.odw/runs', r.record.id);
    expect(existsSync(join(runFolder, 'report.html'))).toBe(true);
    const answers = readdirSync(join(runFolder, 'calls')).filter((c) => existsSync(join(runFolder, 'calls', c, 'answer.json')));
    expect(answers.length).toBeGreaterThan(0);
    expect(holding(join(r.repo.dir, '.odw'), SECRET)).toEqual([]);
    expect(r.stdout + r.stderr).not.toContain(SECRET);
    // Ordinary values are shown as they are; the secret as ***.
    const review1 = r.record.history.find((h: { step: string; round?: number }) => h.step === 'review' && h.round === 1);
    expect(review1.blockers[0]).toMatchObject({ file: 'src/a.js', message: 'alpha logs the key ***; fix alpha in src/a.js' });
    expect(review1.reviewers.find((x: { reviewer: string }) => x.reviewer === 'correctness').summary).toBe('saw *** while reviewing with MY_DIR=project');
  });

  it('a run that fails on a blocker quoting the secret prints and stores it redacted', async () => {
    const r = await runFlagship({
      files: demoFiles,
      tasks: twoTasks,
      env,
      inputs: { maxRounds: '1' },
      scenario: {
        implement: { alpha: { '*': { write: { 'src/a.js': ALPHA } } }, beta: { '*': { write: { 'src/b.js': BETA } } } },
        review: always({ decision: 'reject', summary: 'no', blockers: [{ message: `key ${SECRET} is exposed`, file: 'src/a.js' }] }),
      },
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('review_rounds_exhausted');
    expect(r.stdout).toContain('key *** is exposed');
    expect(r.stdout + r.stderr).not.toContain(SECRET);
    expect(holding(join(r.repo.dir, '.odw'), SECRET)).toEqual([]);
  });

  it("a secret of one profile's env, quoted in another profile's call, is scrubbed from that call's records too", async () => {
    const repo = await gitdir({ files: demoFiles });
    const dir = scratchDir('odw-secrets-');
    const PW = 'hunter2-profile-password';
    const scenario = {
      implement: { alpha: { '*': { write: { 'src/a.js': ALPHA } } }, beta: { '*': { write: { 'src/b.js': BETA } } } },
      review: {
        correctness: {
          '1': { decision: 'reject', summary: `the implementer used ${PW}`, blockers: [{ message: `do not use ${PW}`, file: 'src/a.js' }] },
          '*': approve,
        },
        'owner-risk': always(approve)['*'],
      },
    };
    const { args, env: runEnv } = flagshipArgs(dir, repo, { scenario, tasks: twoTasks });
    const pipeline = join(dir, 'pipeline.yml');
    writeFileSync(
      pipeline,
      readFileSync(pipeline, 'utf8').replace(/(implementer: \{ agent: command, )/, `$1env: { DEPLOY_PASSWORD: ${JSON.stringify(PW)} }, `),
    );
    const r = await odw(args, { cwd: repo.dir, env: runEnv });
    expect(r.code).toBe(0);
    expect(holding(join(repo.dir, '.odw'), PW)).toEqual([]);
    expect(r.stdout + r.stderr).not.toContain(PW);
  });
});

describe('secret_in_change', () => {
  const dump = `export const env = ${JSON.stringify({ HOME_PROJECT: env.HOME_PROJECT, ODW_TEST_API_KEY: SECRET, MY_DIR: 'project' })};\n${ALPHA}`;

  it('an implementer that writes the environment into its file is sent back, alone, told to remove it', async () => {
    const r = await runFlagship({
      files: demoFiles,
      tasks: twoTasks,
      env,
      scenario: {
        implement: { alpha: { '1': { write: { 'src/a.js': dump } }, '*': { write: { 'src/a.js': ALPHA } } }, beta: { '*': { write: { 'src/b.js': BETA } } } },
        review: always(approve),
      },
    });
    expect(r.code).toBe(0);
    expect(steps(r.record)).toEqual(['plan', 'implement r1', 'review r1 reject', 'repair r1 tasks=alpha kept=beta', 'review r2 approve', 'apply', 'verify']);
    const review1 = r.record.history.find((h: { step: string; round?: number }) => h.step === 'review' && h.round === 1);
    expect(review1.gate).toBe('hazards');
    expect(review1.blockers).toEqual([
      expect.objectContaining({
        file: 'src/a.js',
        message: expect.stringMatching(/^secret_in_change: task alpha wrote the value of the secret variable ODW_TEST_API_KEY into src\/a\.js\. Remove it/),
      }),
    ]);
    // No reviewer saw the candidate that held the secret.
    expect(r.calls.filter((c) => c.kind === 'review').map((c) => c.round)).toEqual(['2', '2']);
    const repairPrompt = readdirSync(join(r.repo.dir, '.odw/runs', r.record.id, 'calls')).find((c) => c.includes('repair'))!;
    const prompt = readFileSync(join(r.repo.dir, '.odw/runs', r.record.id, 'calls', repairPrompt, 'prompt.md'), 'utf8');
    expect(prompt).toContain('secret_in_change');
    expect(prompt).toContain('ODW_TEST_API_KEY');
    expect(await r.repo.read('src/a.js')).toBe(ALPHA);
    expect(holding(join(r.repo.dir, '.odw'), SECRET)).toEqual([]);
    // The round-1 patch was scrubbed when the run ended; a report rendered from a raw patch is redacted too.
    const patch = join(r.repo.dir, '.odw/runs', r.record.id, 'patches', 'alpha.r1.patch');
    expect(readFileSync(patch, 'utf8')).toContain('"ODW_TEST_API_KEY":"***"');
    writeFileSync(patch, readFileSync(patch, 'utf8').replace('***', SECRET));
    const report = await odw(['report', r.record.id, '--repo', r.repo.dir], { cwd: r.repo.dir, env });
    expect(report.code).toBe(0);
    const html = readFileSync(join(r.repo.dir, '.odw/runs', r.record.id, 'report.html'), 'utf8');
    expect(html).not.toContain(SECRET);
    expect(html).toContain('ODW_TEST_API_KEY');
  });

  it('one that never removes it: the run fails, nothing is applied, the secret is nowhere', async () => {
    const r = await runFlagship({
      files: demoFiles,
      tasks: twoTasks,
      env,
      inputs: { maxRounds: '2' },
      scenario: { implement: { alpha: { '*': { write: { 'src/a.js': dump } } }, beta: { '*': { write: { 'src/b.js': BETA } } } }, review: always(approve) },
    });
    expect(r.code).toBe(1);
    expect(r.record.error).toMatchObject({ category: 'review_rounds_exhausted', message: expect.stringContaining('secret_in_change: task alpha') });
    expect(steps(r.record)).toEqual(['plan', 'implement r1', 'review r1 reject', 'repair r1 tasks=alpha kept=beta', 'review r2 reject']);
    expect(await tree(r.repo)).toEqual(r.before);
    expect(holding(join(r.repo.dir, '.odw'), SECRET)).toEqual([]);
    expect(holding(r.dir, SECRET).filter((f) => !f.startsWith('scenario.json'))).toEqual([]);
    expect(r.stdout + r.stderr).not.toContain(SECRET);
  });
});
