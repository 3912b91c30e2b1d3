/**
 * Two runs on one repository, both applying with `apply.commit`. The first run's reviewed commit
 * (a new branch, HEAD switched to it) lands while the second run's agents work: the second run's
 * repository guard must take it as odw's own write, not as tampering — it neither fails nor puts
 * the first run's branch and HEAD back.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitdir } from '../helpers/gitdir.js';
import { demoFiles } from '../flagship/scenarios.js';
import { startOneTask } from './one-task.js';

describe('concurrent runs with apply.commit', () => {
  it("the second run's guard keeps the first run's branch and HEAD; both commit", async () => {
    const repo = await gitdir({ files: demoFiles });
    const release = join(repo.dir, '..', `release-${process.pid}-${Date.now()}`);
    const start = (id: string, file: string, check: string) =>
      startOneTask(repo, id, file, { check, extra: `stages:\n  - id: apply\n    with: { commit: { branch: odw/${id}, message: "odw: ${id}" } }\n` });
    // The second run's review check (in its review workspace, which has no .odw) holds until the first run is done.
    const second = await start(
      'second',
      'src/b.js',
      `if [ ! -d .odw ]; then i=0; until [ -e ${release} ] || [ $i -ge 1200 ]; do sleep 0.05; i=$((i+1)); done; fi; true`,
    );
    await second.waitFor((l) => l.kind === 'fanout' && l.task === 'second');
    const first = await start('first', 'src/a.js', 'true');
    expect(await first.exited).toBe(0);
    const afterFirst = await repo.git(['symbolic-ref', 'HEAD']);
    expect(afterFirst).toBe('refs/heads/odw/first');
    writeFileSync(release, '');
    expect(await second.exited).toBe(0);

    expect(await repo.git(['symbolic-ref', 'HEAD'])).toBe('refs/heads/odw/second');
    const branches = (await repo.git(['for-each-ref', '--format=%(refname)', 'refs/heads'])).split('\n').sort();
    expect(branches).toEqual(['refs/heads/main', 'refs/heads/odw/first', 'refs/heads/odw/second']);
    // The second commit sits on the first: both reviewed changes are in the history, once each.
    expect(await repo.git(['log', '--format=%s', 'main..HEAD'])).toBe('odw: second\nodw: first');
    expect(await repo.read('src/a.js')).toBe('// first\n');
    expect(await repo.read('src/b.js')).toBe('// second\n');
    expect(await repo.git(['status', '--porcelain'])).toBe('');
  });
});
