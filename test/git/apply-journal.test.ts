/**
 * The apply journal and its recovery, on real git: a run's apply keeps the lock and leaves no
 * journal behind; an interrupted apply (half the files written, or the commit half made) is put
 * back exactly from the journal on disk; a second run never erases the first run's change, and its
 * refusal names that run instead of blaming the user.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readState, type PathState } from '../../src/git/files.js';
import { journalDir, writeJournal } from '../../src/git/journal.js';
import { lockPath, readOwner } from '../../src/git/lock.js';
import type { Candidate } from '../../src/ports/git.js';
import { harness, treeState, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.cleanup();
  h = undefined;
});

const FILES: Record<string, string | { content: string; mode: number }> = {
  'src/app.ts': 'export const app = 1;\n',
  'gone.txt': 'delete me\n',
  'bin/tool': { content: '#!/bin/sh\n', mode: 0o644 },
};
for (let i = 0; i < 40; i++) FILES[`many/f${String(i).padStart(2, '0')}.txt`] = `line ${i}\n`;

async function candidate(h: Harness, name: string, edit: (at: (p: string) => string) => Promise<void>): Promise<Candidate> {
  const patches = await h.git.withWorktrees(h.run, [name], async ([w]) => {
    await edit((p) => join(w.path, p));
    return [await h.git.capture(h.run, w)];
  });
  const result = await h.git.combine(h.run, patches, { name: `candidate-${name}` });
  if (!result.ok) throw new Error(JSON.stringify(result.blockers));
  return result.candidate;
}

const bigChange = async (at: (p: string) => string) => {
  await writeFile(at('src/app.ts'), 'export const app = 2;\n');
  await rm(at('gone.txt'));
  await mkdir(at('new/deep'), { recursive: true });
  await writeFile(at('new/deep/x.ts'), 'new\n');
  await spawnSync('chmod', ['755', at('bin/tool')]);
  for (let i = 0; i < 40; i++) await writeFile(at(`many/f${String(i).padStart(2, '0')}.txt`), `changed ${i}\n`);
};

const deadPid = () => Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);

/** Makes the run's journal look like one a killed odw process left while in state 'applying'. */
function orphan(runDir: string) {
  const file = join(journalDir(runDir), 'journal.json');
  const journal = JSON.parse(readFileSync(file, 'utf8'));
  writeFileSync(file, JSON.stringify({ ...journal, pid: deadPid() }));
}

async function journalFor(h: Harness, c: Candidate, runDir: string, commit?: { branch: string; original: string; head: string }) {
  const states = new Map<string, PathState>();
  for (const f of c.files) states.set(f, await readState(h.repo.dir, f));
  await writeJournal(journalDir(runDir), { runId: 'odw-killed', base: c.base, patch: c.patchFile, ...(commit ? { commit } : {}) }, states);
  orphan(runDir);
}

describe('apply journal and recovery', () => {
  it('a run applies under the lock, keeps it until released, and leaves no journal', async () => {
    h = await harness({ files: FILES });
    const c = await candidate(h, 't1', bigChange);
    const runDir = join(h.scratch, 'runs', 'run-a');
    const result = await h.git.apply(h.repo.dir, c, { run: { id: 'run-a', dir: runDir } });
    expect(result).toEqual({ ok: true, files: c.files });
    expect(existsSync(journalDir(runDir))).toBe(false);
    expect(readOwner(lockPath(h.repo.dir))?.runId).toBe('run-a');
    h.git.releaseApplyLock(h.repo.dir, 'run-a');
    expect(existsSync(lockPath(h.repo.dir))).toBe(false);
  });

  it('an interrupted apply (part of the files written) is put back byte for byte from the journal on disk', async () => {
    h = await harness({ files: FILES });
    const c = await candidate(h, 't1', bigChange);
    const before = await treeState(h.repo);
    const runDir = join(h.repo.dir, '.odw/runs/odw-killed');
    await journalFor(h, c, runDir);
    // The killed apply: some files already changed, one deleted, a new folder created.
    await h.repo.write('src/app.ts', 'export const app = 2;\n');
    await h.repo.remove('gone.txt');
    await h.repo.remove('many/f07.txt');
    await h.repo.write('new/deep/x.ts', 'new\n');
    spawnSync('chmod', ['755', join(h.repo.dir, 'bin/tool')]);
    const recovered = await h.git.recoverApplies(h.repo.dir, 'odw-next');
    expect(recovered).toEqual([
      {
        runId: 'odw-killed',
        files: c.files,
        failed: [],
        message: `odw found an interrupted apply of run odw-killed and put back the ${c.files.length} files it had started to change`,
      },
    ]);
    expect(await treeState(h.repo)).toEqual(before);
    expect(await h.repo.exists('new')).toBe(false);
    expect(existsSync(journalDir(runDir))).toBe(false);
    expect(existsSync(lockPath(h.repo.dir))).toBe(false); // recovery gave the lock back
    // Now the change applies cleanly (no dirty_files because of the half-apply).
    expect(await h.git.apply(h.repo.dir, c, { run: { id: 'odw-next', dir: join(h.scratch, 'next') } })).toMatchObject({ ok: true });
    h.git.releaseApplyLock(h.repo.dir, 'odw-next');
  });

  it('recovery never deletes a file someone put, after the crash, into a folder the apply had created', async () => {
    h = await harness({ files: FILES });
    const c = await candidate(h, 't1', bigChange);
    await journalFor(h, c, join(h.repo.dir, '.odw/runs/odw-killed'));
    await h.repo.write('new/deep/x.ts', 'new\n'); // the dead run's half-apply
    await h.repo.write('new/deep/mine.txt', 'written later by the user\n');
    await h.git.recoverApplies(h.repo.dir, 'odw-next');
    expect(await h.repo.exists('new/deep/x.ts')).toBe(false);
    expect(await h.repo.read('new/deep/mine.txt')).toBe('written later by the user\n');
  });

  it('an apply.commit killed after committing on the new branch: HEAD back on the original branch, index reset, branch deleted, files put back', async () => {
    h = await harness({ files: FILES });
    const c = await candidate(h, 't1', bigChange);
    await h.repo.write('unrelated.txt', 'staged by the user\n');
    await h.repo.git(['add', 'unrelated.txt']);
    const before = await treeState(h.repo);
    const runDir = join(h.repo.dir, '.odw/runs/odw-killed');
    await journalFor(h, c, runDir, { branch: 'odw/feature', original: 'refs/heads/main', head: h.run.base });
    await h.repo.git(['apply', c.patchFile]);
    await h.repo.git(['checkout', '--quiet', '-b', 'odw/feature']);
    await h.repo.git(['add', '-A', '--', ...c.files]);
    await h.repo.git(['commit', '--quiet', '-m', 'odw change', '--', ...c.files]);
    await h.git.recoverApplies(h.repo.dir, 'odw-next');
    expect(await treeState(h.repo)).toEqual(before);
    expect(await h.repo.git(['branch', '--list', 'odw/feature'])).toBe('');
    expect(await h.repo.git(['rev-parse', 'HEAD'])).toBe(h.run.base);
  });

  it('a run that takes the lock after a dead holder puts the half-apply back before its own checks, and says so', async () => {
    h = await harness({ files: FILES });
    const c = await candidate(h, 't1', bigChange);
    await journalFor(h, c, join(h.repo.dir, '.odw/runs/odw-killed'));
    await h.repo.write('src/app.ts', 'export const app = 2;\n'); // the dead run's half-apply
    await h.repo.remove('gone.txt');
    const notices: [string, string][] = [];
    const result = await h.git.apply(h.repo.dir, c, { run: { id: 'odw-next', dir: join(h.scratch, 'next') }, onNotice: (m, kind) => notices.push([kind, m]) });
    h.git.releaseApplyLock(h.repo.dir, 'odw-next');
    expect(notices).toEqual([
      ['recovered', `odw found an interrupted apply of run odw-killed and put back the ${c.files.length} files it had started to change`],
    ]);
    expect(result).toEqual({ ok: true, files: c.files }); // not dirty_files because of the half-apply
    expect(await h.repo.read('many/f07.txt')).toBe('changed 7\n');
  });

  it('a journal of a live process, or one already applied, is never rolled back', async () => {
    h = await harness({ files: FILES });
    const c = await candidate(h, 't1', bigChange);
    const runDir = join(h.repo.dir, '.odw/runs/odw-live');
    const states = new Map<string, PathState>();
    for (const f of c.files) states.set(f, await readState(h.repo.dir, f));
    await writeJournal(journalDir(runDir), { runId: 'odw-live', base: c.base, patch: c.patchFile }, states);
    const file = join(journalDir(runDir), 'journal.json');
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), pid: process.ppid }));
    await h.repo.git(['apply', c.patchFile]);
    const applied = await treeState(h.repo);
    expect(await h.git.recoverApplies(h.repo.dir, 'odw-next')).toEqual([]);
    expect(await treeState(h.repo)).toEqual(applied);
  });

  it('a second run whose change touches the same line refuses and leaves the first run’s change; its message names that run', async () => {
    h = await harness({ files: FILES });
    const a = await candidate(h, 'a', (at) => writeFile(at('src/app.ts'), 'export const app = "A";\n'));
    const b = await candidate(h, 'b', (at) => writeFile(at('src/app.ts'), 'export const app = "B";\n'));
    expect(await h.git.apply(h.repo.dir, a, { run: { id: 'odw-run-a', dir: join(h.scratch, 'a') } })).toMatchObject({ ok: true });
    h.git.releaseApplyLock(h.repo.dir, 'odw-run-a');
    const refused = await h.git.apply(h.repo.dir, b, { run: { id: 'odw-run-b', dir: join(h.scratch, 'b') } });
    h.git.releaseApplyLock(h.repo.dir, 'odw-run-b');
    expect(refused).toMatchObject({ ok: false, category: 'dirty_files', files: ['src/app.ts'] });
    if (!refused.ok) {
      expect(refused.message).toBe(
        'odw did not apply the change: 1 file it touches has uncommitted changes: src/app.ts. ' +
          'The last odw run to apply in this repository, odw-run-a, changed it. Run the pipeline again so that its change is built on top of that one.',
      );
      expect(refused.message).not.toMatch(/you changed/);
    }
    expect(await h.repo.read('src/app.ts')).toBe('export const app = "A";\n');
  });
});
