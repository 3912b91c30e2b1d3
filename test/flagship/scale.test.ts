/**
 * The workspaces of a real run: task workspaces exist only inside their concurrency slot, the
 * review workspace is one folder for every round with nothing of the previous round in it, setup
 * runs once per workspace, and nothing is left when the run ends.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { leftovers, runFlagship, steps } from '../helpers/flagship.js';
import { calcFiles, happyScenario } from '../helpers/scenarios.js';

describe('parallel-review-apply: workspaces at scale', () => {
  it('holds at most `concurrency` task workspaces at once and reuses one clean review workspace across rounds', async () => {
    const logs = mkdtempSync(join(tmpdir(), 'odw-scale-logs-'));
    // Setup runs in each new workspace right after its checkout: it counts the task workspaces then in the run folder.
    const count = `n=$(ls -A .. | grep -v -e '^owner.json$' -e '^[.]odw-git' -e '^[.]trash$' -e '^[.]review-' | wc -l); echo "$ODW_TASK $n" >> ${logs}/setup.log`;
    // In the review workspace the check lists it, then leaves an untracked file and an ignored build
    // output behind (verify runs the same check, read-only, in the user's tree).
    const review = `ls -A >> ${logs}/review.ls; echo --- >> ${logs}/review.ls; echo x > leftover.txt; mkdir -p dist; echo y > dist/out.js`;
    const check = `case "$PWD" in */.review-*) ${review};; esac; node test/check.mjs`;
    const r = await runFlagship({
      files: { ...calcFiles, '.gitignore': 'dist/\n' },
      scenario: happyScenario,
      inputs: { request: 'add sum and formatSum', check },
      extra: 'concurrency: 1',
      workspace: [`setup: [${JSON.stringify(count)}]`],
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(steps(r.record)).toEqual([
      'plan',
      'implement r1',
      'review r1 reject',
      'repair r1 tasks=math kept=format,docs',
      'review r2 approve',
      'apply',
      'verify',
    ]);

    const setups = readFileSync(join(logs, 'setup.log'), 'utf8').trim().split('\n');
    const tasks = setups.filter((l) => !l.startsWith('.review-'));
    expect(tasks.map((l) => l.split(' ')[0]).sort()).toEqual(['docs', 'format', 'math', 'math']);
    // concurrency 1: each task's workspace is the only one when it is made
    expect(tasks.every((l) => l.endsWith(' 1'))).toBe(true);
    // the review workspace was made (and set up) once for both rounds
    expect(setups.filter((l) => l.startsWith('.review-'))).toHaveLength(1);

    const reviewers = r.calls.filter((c) => c.reviewer);
    expect(new Set(reviewers.map((c) => c.round))).toEqual(new Set(['1', '2']));
    expect(new Set(reviewers.map((c) => c.cwd)).size).toBe(1);
    const listings = readFileSync(join(logs, 'review.ls'), 'utf8').split('---\n').filter(Boolean);
    expect(listings).toHaveLength(2);
    for (const listing of listings) {
      expect(listing.split('\n')).toContain('src');
      expect(listing.split('\n')).not.toContain('leftover.txt');
      expect(listing.split('\n')).not.toContain('dist');
    }
    expect(await leftovers(r)).toEqual({ registered: [], folders: [] });
    rmSync(logs, { recursive: true, force: true });
  });
});
