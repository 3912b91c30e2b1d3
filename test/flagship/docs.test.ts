/**
 * docs/parallel-review-apply.md: its fork examples are valid pipelines, and its contract matches
 * the shipped file. And every failure category odw's source can emit is documented in docs/.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validateFiles } from '../../src/config/load.js';
import { ROOT } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const doc = readFileSync(join(ROOT, 'docs/parallel-review-apply.md'), 'utf8');
const shipped = parse(readFileSync(join(ROOT, 'pipelines/parallel-review-apply.yml'), 'utf8'));

describe('docs/parallel-review-apply.md', () => {
  it('every fork example validates', async () => {
    const forks = [...doc.matchAll(/```yaml\n(extends: odw:parallel-review-apply\n[\s\S]*?)```/g)].map((m) => m[1]);
    expect(forks.length).toBeGreaterThanOrEqual(4);
    const dir = tempDir();
    const files = forks.map((text, i) => {
      const file = join(dir, `fork-${i}.yml`);
      writeFileSync(file, text);
      return file;
    });
    for (const r of await validateFiles(files, dir)) expect(r.errors, r.file).toEqual([]);
  });

  it('names every stage id, runtime profile and input of the shipped pipeline', () => {
    const ids = (stages: { id: string; stages?: unknown[] }[]): string[] => stages.flatMap((s) => [s.id, ...ids((s.stages ?? []) as never)]);
    for (const id of ids(shipped.stages)) expect(doc).toContain(`\`${id}\``);
    for (const profile of Object.keys(shipped.runtimes)) expect(doc).toContain(`\`${profile}\``);
    for (const input of Object.keys(shipped.inputs)) expect(doc).toMatch(new RegExp(`^\\| \`${input}\` \\|`, 'm'));
  });
});

/** Every .ts file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));
}

/**
 * The category strings in odw's source, in the forms it emits them: `category: '…'`,
 * `new GitError('…'`, the task checks' `fail('…'` and the plan stage's `failed('…'`, the two sides
 * of a `category = … ? '…' : '…'`, and the members of the category union types.
 */
function emittedCategories(): Set<string> {
  const found = new Set<string>();
  const add = (text: string, re: RegExp) => {
    for (const m of text.matchAll(re)) for (const name of m.slice(1)) if (name) found.add(name);
  };
  for (const file of sources(join(ROOT, 'src'))) {
    const text = readFileSync(file, 'utf8');
    add(text, /\bcategory:\s*'([a-z][a-z_]*)'/g);
    add(text, /\bGitError\(\s*'([a-z][a-z_]*)'/g);
    add(text, /\bfail(?:ed)?\(\s*'([a-z]+_[a-z_]*)'/g);
    add(text, /\bcategory = [^;]*?\?\s*'([a-z][a-z_]*)'\s*:\s*'([a-z][a-z_]*)'/g);
    for (const union of text.matchAll(/type (?:\w*Category|ApplyRefusal) =([^;]*);/g)) add(union[1], /'([a-z][a-z_]*)'/g);
  }
  return found;
}

describe('failure categories', () => {
  it('every category odw emits is documented in docs/', () => {
    const docs = readdirSync(join(ROOT, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => readFileSync(join(ROOT, 'docs', f), 'utf8'))
      .join('\n');
    const categories = emittedCategories();
    // the scan finds the categories of every stage kind, of git and of agent calls
    for (const known of [
      'exec_failed',
      'no_candidate',
      'not_a_repository',
      'dirty_task_files',
      'planning_failed',
      'review_rounds_exhausted',
      'implementation_pre_review_blocked',
      'patch_conflict',
      'dirty_files',
      'workspace_setup_failed',
      'spawn_failed',
      'schema_mismatch',
    ]) {
      expect(categories).toContain(known);
    }
    expect(categories.size).toBeGreaterThan(40);
    const undocumented = [...categories].filter((c) => !docs.includes(`\`${c}\``)).sort();
    expect(undocumented).toEqual([]);
  });
});
