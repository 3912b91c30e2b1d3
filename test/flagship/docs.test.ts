/** docs/parallel-review-apply.md: its fork examples are valid pipelines, and its contract matches the shipped file. */
import { readFileSync, writeFileSync } from 'node:fs';
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
