import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stageKinds } from '../../src/stages/kinds.js';
import { stageHandlers } from '../../src/stages/registry.js';

const root = new URL('../../', import.meta.url);
const schema = JSON.parse(readFileSync(new URL('schemas/pipeline.schema.json', root), 'utf8'));
const doc = (name: string) => readFileSync(new URL(`docs/${name}`, root), 'utf8');

/** The rows (cells) of the first table after the line `heading`. */
function table(markdown: string, heading: string): string[][] {
  const lines = markdown.split('\n');
  const from = lines.indexOf(heading);
  expect(from, heading).toBeGreaterThanOrEqual(0);
  const start = lines.findIndex((l, i) => i > from && l.startsWith('|'));
  const rows: string[][] = [];
  for (let i = start + 2; i < lines.length && lines[i].startsWith('|'); i++)
    rows.push(
      lines[i]
        .split(/(?<!\\)\|/)
        .slice(1, -1)
        .map((c) => c.trim()),
    );
  return rows;
}

const categoriesIn = (cell: string): string[] => [...cell.matchAll(/`([a-z_]+)`/g)].map((m) => m[1]);

/** The failure categories the docs list for each kind. */
function documentedFailures(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (kind: string, categories: string[]) => out.set(kind, new Set([...(out.get(kind) ?? []), ...categories]));
  // The shipped pipeline's table: the "where" column names the kinds (implement is a fanout's step).
  for (const [category, where] of table(doc('parallel-review-apply.md'), '## Failures and what to do')) {
    if (category.includes('(blocker)')) continue;
    const words = where.replace(/^any agent stage$/, '').match(/[a-z]+/g) ?? [];
    for (const word of words) {
      const kind = word === 'implement' ? 'fanout' : word;
      if (kind in stageKinds) add(kind, categoriesIn(category));
    }
  }
  const pipeline = doc('pipeline.md');
  // The generic table holds the exec stage's categories, each saying "an `exec` stage".
  for (const [category, what] of table(pipeline, '### Failure categories')) if (what.includes('an `exec` stage')) add('exec', categoriesIn(category));
  // A review of an existing change has its own table.
  for (const [category] of table(pipeline, '### Review of an existing change: the PR-review pipeline')) add('review', categoriesIn(category));
  return out;
}

describe('stage registry', () => {
  const kinds = Object.keys(stageHandlers).sort();

  it('registers exactly the kinds the schema allows in uses', () => {
    expect(kinds).toEqual([...schema.$defs.stage.properties.uses.enum].sort());
  });

  it('has a definition and a handler for every kind, the definition under its own name', () => {
    expect(Object.keys(stageKinds).sort()).toEqual(kinds);
    for (const [kind, definition] of Object.entries(stageKinds)) {
      expect(definition.kind).toBe(kind);
      expect(stageHandlers[kind as keyof typeof stageHandlers]).toBeTypeOf('function');
    }
  });

  it("has the definition's settings fragment in the schema, used for the kind's with", () => {
    for (const [kind, { settings }] of Object.entries(stageKinds)) {
      expect(schema.$defs[settings], settings).toBeTypeOf('object');
      const branch = schema.$defs.stage.allOf.find((b: { if: { properties?: { uses?: { const?: string } } } }) => b.if.properties?.uses?.const === kind);
      expect(branch?.then.properties.with.$ref, `allOf branch of ${kind}`).toBe(`#/$defs/${settings}`);
    }
    for (const { kind, settings, agentList } of Object.values(stageKinds)) {
      if (agentList !== undefined) expect(schema.$defs[settings].properties[agentList]?.type, `${kind}: with.${agentList}`).toBe('array');
    }
  });

  it('lists in each definition exactly the failure categories the docs list for the kind', () => {
    const documented = documentedFailures();
    for (const [kind, definition] of Object.entries(stageKinds)) {
      expect(Object.keys(definition.failures).sort(), kind).toEqual([...(documented.get(kind) ?? [])].sort());
    }
  });

  it('has the repository guard check the git dir after every kind that calls agents', () => {
    for (const definition of Object.values(stageKinds)) {
      if (definition.agents) expect(definition.guard, definition.kind).toBe('check');
      if (definition.guard === 'check') expect(definition.failures, definition.kind).toHaveProperty('git_dir_tampered');
      expect(definition.agents, definition.kind).toBe(definition.runtime !== undefined);
    }
  });

  it('registers every stage folder under src/stages, each with its definition, handler and outputs', () => {
    const folders = readdirSync(new URL('src/stages/', root), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    expect(folders.length).toBeGreaterThan(0);
    for (const folder of folders) {
      expect(kinds, `src/stages/${folder}`).toContain(folder);
      expect(readdirSync(new URL(`src/stages/${folder}/`, root)), `src/stages/${folder}`).toEqual(
        expect.arrayContaining(['definition.ts', 'handler.ts', 'outputs.ts']),
      );
    }
  });
});

/** The optional ports a kind's own code reaches for, read from its folder's source. */
function portsUsed(kind: string): Set<string> {
  const dir = new URL(`src/stages/${kind}/`, root);
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  const source = files.map((f) => readFileSync(new URL(f, dir), 'utf8')).join('\n');
  const used = new Set([...source.matchAll(/ctx\.ports\.(agents|git|executor|replay)\b/g)].map((m) => m[1]));
  if (/\b(requireGit|gitRun)\(/.test(source)) used.add('git');
  if (/\bcallAgent\(/.test(source)) used.add('agents');
  // implementTasks (src/workflow/implement.ts) runs task steps: agents in git workspaces, on the executor, replayed patches
  if (/\bimplementTasks\(/.test(source)) for (const p of ['agents', 'git', 'executor', 'replay']) used.add(p);
  return used;
}

describe('the ports of each kind', () => {
  it('a definition names exactly the optional ports its code uses (the stage runner gives it no others)', () => {
    for (const [kind, def] of Object.entries(stageKinds)) expect(new Set(def.ports), kind).toEqual(portsUsed(kind));
  });
});
