import { describe, expect, it } from 'vitest';
import { checkScope, ownershipMatcher } from '../../src/git/index.js';

describe('ownership scope', () => {
  it('accepts files, folders and globs (dot files included)', () => {
    const owns = ownershipMatcher(['src/api.ts', 'docs/', './test/**/*.test.ts', 'config/*.json']);
    expect(owns('src/api.ts')).toBe(true);
    expect(owns('src/api.tsx')).toBe(false);
    expect(owns('docs/guide/intro.md')).toBe(true);
    expect(owns('test/deep/a.test.ts')).toBe(true);
    expect(owns('test/.hidden/a.test.ts')).toBe(true);
    expect(owns('config/.eslintrc.json')).toBe(true);
    expect(owns('config/sub/x.json')).toBe(false);
  });

  it('reports every path outside its task, naming the task that owns it', () => {
    const issues = checkScope([
      { id: 'api', owns: ['src/api.ts', 'src/api/**'], files: ['src/api.ts', 'src/ui.ts', 'README.md'] },
      { id: 'ui', owns: ['src/ui.ts'], files: ['src/ui.ts', 'src/api/handlers.ts'] },
      { id: 'docs', owns: [], files: [] },
    ]);
    expect(issues).toEqual([
      { task: 'api', file: 'src/ui.ts', ownedBy: 'ui' },
      { task: 'api', file: 'README.md' },
      { task: 'ui', file: 'src/api/handlers.ts', ownedBy: 'api' },
    ]);
  });

  it('a rename must own both paths', () => {
    expect(checkScope([{ id: 'a', owns: ['new.ts'], files: ['new.ts', 'old.ts'] }])).toEqual([{ task: 'a', file: 'old.ts' }]);
  });

  it('a task that owns no files may change any file no other task owns, and nothing another task owns', () => {
    const issues = checkScope([
      { id: 'api', owns: ['src/api/**'], files: ['src/api/a.ts'] },
      { id: 'docs', owns: [], files: ['README.md', 'docs/guide.md', 'src/api/a.ts'] },
    ]);
    expect(issues).toEqual([{ task: 'docs', file: 'src/api/a.ts', ownedBy: 'api' }]);
  });
});
