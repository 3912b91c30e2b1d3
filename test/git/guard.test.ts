import { chmod, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createProcessRunner } from '../../src/adapters/process.js';
import type { TreeSnapshot } from '../../src/ports/git.js';
import { harness, treeState, type Harness } from './harness.js';

let h: Harness | undefined;
let snap: TreeSnapshot | undefined;
afterEach(async () => {
  if (snap && h) await h.git.discard(snap);
  await h?.cleanup();
  h = undefined;
  snap = undefined;
});

const FILES = {
  'src/app.ts': 'export const app = 1;\n',
  'src/other.ts': 'export const other = 1;\n',
  'run.sh': { content: '#!/bin/sh\n', mode: 0o755 },
  '.gitignore': 'dist/\n',
};

/** A "read-only" verify step: a shell command in the user's tree, through the real process runner. */
async function step(h: Harness, command: string): Promise<void> {
  const r = await createProcessRunner().run({ command, shell: true, cwd: h.repo.dir });
  if (r.exitCode !== 0) throw new Error(`step failed: ${r.stderr}`);
}

describe('verify guard', () => {
  it('reports nothing when the step changed nothing (build output in ignored folders is not its business)', async () => {
    h = await harness({ files: FILES });
    await h.repo.write('src/app.ts', 'user edit\n');
    snap = await h.git.snapshot(h.repo.dir);
    await step(h, 'cat src/app.ts > /dev/null; mkdir -p dist && echo built > dist/out.js; git status > /dev/null');
    expect(await h.git.compare(snap)).toEqual({ changed: false, modified: [], added: [], removed: [], indexChanged: false });
  });

  it('a step that edits a clean tracked file: its content is restored (not deleted)', async () => {
    h = await harness({ files: FILES });
    const before = await treeState(h.repo);
    snap = await h.git.snapshot(h.repo.dir);
    await step(h, "printf 'formatted by the test runner\\n' > src/app.ts && chmod 644 run.sh");
    const changes = await h.git.restore(snap);
    expect(changes).toEqual({ changed: true, modified: ['run.sh', 'src/app.ts'], added: [], removed: [], indexChanged: false });
    expect(await h.repo.read('src/app.ts')).toBe('export const app = 1;\n');
    expect(await h.repo.mode('run.sh')).toBe(0o755);
    expect(await treeState(h.repo)).toEqual(before);
  });

  it('a step that adds files: they are removed, with the folders it created', async () => {
    h = await harness({ files: FILES });
    const before = await treeState(h.repo);
    snap = await h.git.snapshot(h.repo.dir);
    await step(h, 'echo junk > stray.log && mkdir -p coverage/html && echo x > coverage/html/index.html');
    const changes = await h.git.restore(snap);
    expect(changes).toMatchObject({ changed: true, added: ['coverage/html/index.html', 'stray.log'], modified: [], removed: [] });
    expect(await h.repo.exists('stray.log')).toBe(false);
    expect(await h.repo.exists('coverage')).toBe(false);
    expect(await treeState(h.repo)).toEqual(before);
  });

  it('a step that deletes a tracked file: it is recreated', async () => {
    h = await harness({ files: FILES });
    const before = await treeState(h.repo);
    snap = await h.git.snapshot(h.repo.dir);
    await step(h, 'rm src/other.ts');
    expect(await h.git.restore(snap)).toMatchObject({ changed: true, removed: ['src/other.ts'] });
    expect(await treeState(h.repo)).toEqual(before);
  });

  it("the user's own uncommitted work is put back exactly: edits, untracked files, deletions, symlinks, the index", async () => {
    h = await harness({ files: FILES });
    await h.repo.write('src/app.ts', Buffer.from([0xff, 0xfe, 0x00, 0x41, 0x0a])); // dirty, not UTF-8
    await h.repo.write('notes/todo.md', 'untracked notes\n');
    await h.repo.remove('src/other.ts'); // deleted by the user
    await symlink('src/app.ts', join(h.repo.dir, 'link-to-app'));
    await h.repo.write('staged.txt', 'staged by the user\n');
    await h.repo.git(['add', 'staged.txt']);
    const before = await treeState(h.repo);
    snap = await h.git.snapshot(h.repo.dir);
    expect(Object.keys(snap.entries).sort()).toEqual(['link-to-app', 'notes/todo.md', 'src/app.ts', 'src/other.ts', 'staged.txt']);

    await step(
      h,
      [
        'git checkout -- src/app.ts', // throws away the user's edit
        'rm notes/todo.md',
        'echo back > src/other.ts',
        'rm link-to-app && ln -s run.sh link-to-app',
        'git reset -q staged.txt',
        'git add src/other.ts',
        'chmod 600 run.sh',
      ].join(' && '),
    );
    const changes = await h.git.restore(snap);
    expect(changes).toEqual({
      changed: true,
      modified: ['link-to-app', 'run.sh', 'src/app.ts'],
      added: ['src/other.ts'],
      removed: ['notes/todo.md'],
      indexChanged: true,
    });
    expect(await h.repo.readBytes('src/app.ts')).toEqual(Buffer.from([0xff, 0xfe, 0x00, 0x41, 0x0a]));
    expect(await h.repo.exists('src/other.ts')).toBe(false);
    expect(await treeState(h.repo)).toEqual(before);
    expect(await h.git.compare(snap)).toMatchObject({ changed: false });
  });

  it('reports a moved HEAD and still puts the files back as they were', async () => {
    h = await harness({ files: FILES });
    await h.repo.write('src/app.ts', 'user edit\n');
    snap = await h.git.snapshot(h.repo.dir);
    await step(h, "git commit -qam 'verify committed' && printf 'x\\n' > src/other.ts");
    const changes = await h.git.restore(snap);
    expect(changes.headMoved).toEqual({ from: snap.head, to: await h.repo.git(['rev-parse', 'HEAD']) });
    expect(changes.modified).toEqual(['src/other.ts']);
    expect(await h.repo.read('src/app.ts')).toBe('user edit\n');
    expect(await h.repo.read('src/other.ts')).toBe('export const other = 1;\n');
  });

  it('keeps dirty bytes on disk in the snapshot folder, not in the snapshot object', async () => {
    h = await harness({ files: FILES });
    await h.repo.write('big.bin', Buffer.alloc(1024 * 1024, 7));
    snap = await h.git.snapshot(h.repo.dir, { dir: join(h.scratch, 'snap') });
    expect(JSON.stringify(snap).length).toBeLessThan(2000);
    expect(snap.entries['big.bin']).toMatchObject({ kind: 'file', copy: join(h.scratch, 'snap', 'files', '0') });
    await step(h, 'rm big.bin');
    await h.git.restore(snap);
    expect((await h.repo.readBytes('big.bin')).equals(Buffer.alloc(1024 * 1024, 7))).toBe(true);
  });

  it('a read-only folder left by the step does not stop the restore', async () => {
    h = await harness({ files: FILES });
    await h.repo.write('src/app.ts', 'user edit\n');
    snap = await h.git.snapshot(h.repo.dir);
    await writeFile(join(h.repo.dir, 'src/app.ts'), 'clobbered\n');
    await chmod(join(h.repo.dir, 'src'), 0o555);
    await h.git.restore(snap);
    await chmod(join(h.repo.dir, 'src'), 0o755);
    expect(await h.repo.read('src/app.ts')).toBe('user edit\n');
  });

  it('dirtyFiles lists modified, staged, deleted and untracked paths, not ignored ones', async () => {
    h = await harness({ files: FILES });
    await h.repo.write('src/app.ts', 'edited\n');
    await h.repo.write('staged.txt', 'x\n');
    await h.repo.git(['add', 'staged.txt']);
    await h.repo.remove('src/other.ts');
    await h.repo.write('new/untracked.txt', 'x\n');
    await h.repo.write('dist/ignored.js', 'x\n');
    await h.repo.write('.odw/runs/r/run.json', '{}');
    expect(await h.git.dirtyFiles(h.repo.dir)).toEqual(['new/untracked.txt', 'src/app.ts', 'src/other.ts', 'staged.txt']);
  });
});
