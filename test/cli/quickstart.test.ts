import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

describe('the README quickstart', () => {
  it('runs the shipped pipeline end to end offline and says where to look', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts/quickstart.mjs')], { encoding: 'utf8', env: { ...process.env, CI: '1' } });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('scripted demo agents');
    expect(r.stdout).toMatch(/review r1: reject/);
    expect(r.stdout).toMatch(/repair r1: tasks=math \(kept format,docs\)/);
    expect(r.stdout).toMatch(/approved in round 2, 3 files applied/);
    const repo = /repository: (\S+)/.exec(r.stdout)![1];
    expect(readFileSync(join(repo, 'src/math.js'), 'utf8')).toContain('return a + b;');
    const report = /The report: +(\S+)/.exec(r.stdout)?.[1];
    expect(report).toBeDefined();
    expect(existsSync(report!)).toBe(true);
    expect(readFileSync(report!, 'utf8')).toContain('approved in round 2, 3 files applied');
  });
});
