#!/usr/bin/env node
// @ts-check
// Generates src/config/pipeline.generated.ts from schemas/pipeline.schema.json.
// `node scripts/gen-types.mjs --check` exits 1 when the committed file is stale.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';

const root = fileURLToPath(new URL('..', import.meta.url));
const schemaPath = `${root}schemas/pipeline.schema.json`;
const outPath = `${root}src/config/pipeline.generated.ts`;

export async function generate() {
  const schema = JSON.parse(await readFile(schemaPath, 'utf8'));
  return compile(schema, 'Pipeline', {
    bannerComment: '/* Generated from schemas/pipeline.schema.json by `npm run gen:types`. Do not edit by hand. */',
    additionalProperties: false,
    unreachableDefinitions: true,
    style: { singleQuote: true },
    cwd: `${root}schemas`,
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = await generate();
  if (process.argv.includes('--check')) {
    const current = await readFile(outPath, 'utf8').catch(() => '');
    if (current !== text) {
      console.error('src/config/pipeline.generated.ts is stale: run `npm run gen:types`.');
      process.exit(1);
    }
  } else {
    await writeFile(outPath, text);
    console.log(`wrote ${outPath}`);
  }
}
