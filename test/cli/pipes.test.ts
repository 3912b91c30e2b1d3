/**
 * `odw runs list | head -1`: the reader closes odw's stdout after the first line. odw stops
 * writing and exits quietly with the command's code, never with an EPIPE stack trace.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ODW_BIN } from '../helpers/cli.js';

/**
 * A repository with `count` recorded runs. Each list line is ~160 bytes, so 600 runs are ~100 KB:
 * more than a pipe holds (64 KiB) after the reader's first chunk, so odw is still writing when the
 * reader goes.
 */
function repoWithRuns(count: number): string {
  const repo = mkdtempSync(join(tmpdir(), 'odw-pipes-'));
  const runs = join(repo, '.odw/runs');
  mkdirSync(runs, { recursive: true });
  const start = Date.UTC(2026, 0, 1);
  const index: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = `20260101-${String(Math.floor(i / 60) % 24).padStart(2, '0')}${String(i % 60).padStart(2, '0')}00-${i.toString(16).padStart(4, '0')}`;
    mkdirSync(join(runs, id));
    writeFileSync(join(runs, id, 'run.json'), '{}');
    const headline = `approved in round 1, ${i} files applied — ${'a long enough headline '.repeat(3)}`;
    index.push(JSON.stringify({ id, pipeline: 'parallel-review-apply', startedAt: start + i * 1000, status: 'succeeded', durationMs: 1000 + i, headline }));
  }
  writeFileSync(join(runs, 'index.jsonl'), `${index.join('\n')}\n`);
  return repo;
}

/** Runs odw with a stdout reader that keeps the first line and then closes the pipe, like `head -1`. */
function firstLineThenClose(args: string[], cwd: string): Promise<{ code: number | null; first: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [ODW_BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', CI: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let seen = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      seen += d;
      if (seen.includes('\n')) child.stdout.destroy();
    });
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, first: seen.split('\n')[0]!, stderr }));
  });
}

describe('odw output piped into a reader that stops early', () => {
  let repo: string;
  beforeAll(() => {
    repo = repoWithRuns(600);
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it('runs list | head -1: the first line, exit 0, nothing on stderr', async () => {
    const r = await firstLineThenClose(['runs', 'list', '--limit', '0'], repo);
    expect(r.first).toMatch(/^20260101-\d{6}-0257 {2}succeeded .* approved in round 1, 599 files applied/);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});
