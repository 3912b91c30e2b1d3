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

describe('the precompiled answer validators (plan, review)', () => {
  it('judge answers exactly as a freshly compiled schema does', async () => {
    const { Ajv2020 } = await import('ajv/dist/2020.js');
    const { schemaChecker, describeError } = await import('../../src/agents/structured.js');
    const { PLAN_SCHEMA, REVIEW_SCHEMA } = await import('../../src/workflow/schemas.js');
    const { PRECOMPILED } = await import('../../src/agents/answers.validate.generated.js');
    const answers = [
      { decision: 'approve', summary: 'ok', blockers: [] },
      { decision: 'maybe', summary: 1, blockers: [{}], extra: true },
      { summary: 'plan', tasks: [{ id: 't1', files: ['a.js'], prompt: 'do it' }] },
      { summary: 'plan', tasks: [{ id: 7 }] },
      'prose',
    ];
    for (const schema of [PLAN_SCHEMA, REVIEW_SCHEMA]) {
      expect(PRECOMPILED.has(JSON.stringify(schema))).toBe(true);
      const fresh = new Ajv2020({ allErrors: true, strict: false, allowUnionTypes: true }).compile(schema);
      const checker = schemaChecker(schema);
      if ('error' in checker) throw new Error(checker.error);
      for (const answer of answers) {
        const expected = fresh(answer) ? [] : (fresh.errors ?? []).map(describeError);
        expect(checker.check(answer)).toEqual(expected);
      }
    }
  });
});
