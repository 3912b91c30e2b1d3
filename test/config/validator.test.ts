import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const check = (root: string) => spawnSync(process.execPath, ['scripts/gen-validator.mjs', '--check'], { cwd: root, encoding: 'utf8' });

describe('the precompiled pipeline validator', () => {
  it('matches schemas/pipeline.schema.json', () => {
    const r = check(ROOT);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('is reported stale when the schema changes', () => {
    const root = mkdtempSync(join(tmpdir(), 'odw-validator-'));
    try {
      cpSync(join(ROOT, 'scripts'), join(root, 'scripts'), { recursive: true });
      cpSync(join(ROOT, 'src', 'config'), join(root, 'src', 'config'), { recursive: true });
      copyFileSync(join(ROOT, 'package.json'), join(root, 'package.json'));
      symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
      const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'pipeline.schema.json'), 'utf8'));
      schema.properties.name.minLength = 1;
      cpSync(join(ROOT, 'schemas'), join(root, 'schemas'), { recursive: true });
      writeFileSync(join(root, 'schemas', 'pipeline.schema.json'), JSON.stringify(schema));
      const r = check(root);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('pipeline.validate.generated.ts is stale: run `npm run gen:validator`');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
