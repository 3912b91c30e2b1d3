#!/usr/bin/env node
// Generates ajv's standalone validators, so odw does not compile its schemas each time it starts:
//   src/config/pipeline.validate.generated.ts  schemas/pipeline.schema.json
//   src/agents/answers.validate.generated.ts   schemas/plan.schema.json, schemas/review.schema.json
//                                              (the answers the shipped stages ask agents for)
// `node scripts/gen-validator.mjs --check` exits 1 when a committed file is stale.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import standalone from 'ajv/dist/standalone/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const schemaPath = `${root}schemas/pipeline.schema.json`;
const outPath = `${root}src/config/pipeline.validate.generated.ts`;
const answersPath = `${root}src/agents/answers.validate.generated.ts`;
const ANSWERS = { plan: 'plan.schema.json', review: 'review.schema.json' };

/** The options src/config/schema.ts relies on: every error at once, with its schema (verbose). */
export const OPTIONS = { allErrors: true, verbose: true, strict: true, strictTypes: false, strictRequired: false, allowUnionTypes: true };
/** The options of src/agents/structured.ts, which checks every agent answer. */
export const ANSWER_OPTIONS = { allErrors: true, strict: false, allowUnionTypes: true };

/** ajv's ESM output still `require`s its runtime helpers (e.g. ucs2length). */
function module(header, code, extra = []) {
  const helpers = code.includes('require(') ? ["import { createRequire } from 'node:module';", 'const require = createRequire(import.meta.url);'] : [];
  return [header, '// @ts-nocheck', '/* eslint-disable */', ...helpers, code.replace(/^"use strict";/, ''), ...extra, ''].join('\n');
}

/** The validators of the answer schemas, and each schema's text (the key odw looks them up by). */
export async function generateAnswers() {
  const ajv = new Ajv2020({ ...ANSWER_OPTIONS, code: { source: true, esm: true, lines: true } });
  const keys = [];
  const refs = {};
  for (const [name, file] of Object.entries(ANSWERS)) {
    const schema = JSON.parse(await readFile(`${root}schemas/${file}`, 'utf8'));
    ajv.addSchema(schema);
    refs[name] = schema.$id;
    keys.push(`  [${JSON.stringify(JSON.stringify(schema))}, ${name}],`);
  }
  const code = standalone.default(ajv, refs);
  return module(
    '/* Generated from schemas/plan.schema.json and schemas/review.schema.json by `npm run gen:validator` (ajv standalone). Do not edit by hand. */',
    code,
    ['/** Each precompiled validator under the JSON text of its schema. */', 'export const PRECOMPILED = new Map([', ...keys, ']);'],
  );
}

export async function generate() {
  const schema = JSON.parse(await readFile(schemaPath, 'utf8'));
  const ajv = new Ajv2020({ ...OPTIONS, code: { source: true, esm: true, lines: true } });
  return module(
    '/* Generated from schemas/pipeline.schema.json by `npm run gen:validator` (ajv standalone). Do not edit by hand. */',
    standalone.default(ajv, ajv.compile(schema)),
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const outputs = [
    [outPath, await generate()],
    [answersPath, await generateAnswers()],
  ];
  for (const [path, text] of outputs) {
    const name = path.slice(root.length);
    if (process.argv.includes('--check')) {
      const current = await readFile(path, 'utf8').catch(() => '');
      if (current !== text) {
        console.error(`${name} is stale: run \`npm run gen:validator\`.`);
        process.exitCode = 1;
      }
    } else {
      await writeFile(path, text);
      console.log(`wrote ${name}`);
    }
  }
}
