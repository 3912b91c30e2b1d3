#!/usr/bin/env node
// Generates src/config/pipeline.validate.generated.ts: ajv's standalone validator for
// schemas/pipeline.schema.json, so odw does not compile the schema each time it starts.
// `node scripts/gen-validator.mjs --check` exits 1 when the committed file is stale.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import standalone from 'ajv/dist/standalone/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const schemaPath = `${root}schemas/pipeline.schema.json`;
const outPath = `${root}src/config/pipeline.validate.generated.ts`;

/** The options src/config/schema.ts relies on: every error at once, with its schema (verbose). */
export const OPTIONS = { allErrors: true, verbose: true, strict: true, strictTypes: false, strictRequired: false, allowUnionTypes: true };

export async function generate() {
  const schema = JSON.parse(await readFile(schemaPath, 'utf8'));
  const ajv = new Ajv2020({ ...OPTIONS, code: { source: true, esm: true, lines: true } });
  const code = standalone.default(ajv, ajv.compile(schema));
  // ajv's ESM output still `require`s its runtime helpers (e.g. ucs2length).
  const helpers = code.includes('require(') ? ["import { createRequire } from 'node:module';", 'const require = createRequire(import.meta.url);'] : [];
  return [
    '/* Generated from schemas/pipeline.schema.json by `npm run gen:validator` (ajv standalone). Do not edit by hand. */',
    '// @ts-nocheck',
    '/* eslint-disable */',
    ...helpers,
    code.replace(/^"use strict";/, ''),
    '',
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = await generate();
  if (process.argv.includes('--check')) {
    const current = await readFile(outPath, 'utf8').catch(() => '');
    if (current !== text) {
      console.error('src/config/pipeline.validate.generated.ts is stale: run `npm run gen:validator`.');
      process.exit(1);
    }
  } else {
    await writeFile(outPath, text);
    console.log(`wrote ${outPath}`);
  }
}
