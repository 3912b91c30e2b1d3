import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stageHandlers } from '../../src/stages/registry.js';

const root = new URL('../../', import.meta.url);
const schema = JSON.parse(readFileSync(new URL('schemas/pipeline.schema.json', root), 'utf8'));

describe('stage registry', () => {
  const kinds = Object.keys(stageHandlers).sort();

  it('registers exactly the kinds the schema allows in uses', () => {
    expect(kinds).toEqual([...schema.$defs.stage.properties.uses.enum].sort());
  });

  it('has a with-<kind> schema fragment for every kind', () => {
    for (const kind of kinds) expect(schema.$defs[`with-${kind}`], `with-${kind}`).toBeTypeOf('object');
  });

  it('registers every stage folder under src/stages', () => {
    const folders = readdirSync(new URL('src/stages/', root), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    expect(folders.length).toBeGreaterThan(0);
    for (const folder of folders) expect(kinds, `src/stages/${folder}`).toContain(folder);
  });
});
