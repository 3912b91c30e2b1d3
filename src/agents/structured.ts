/**
 * Structured answers: find the JSON an agent answered with, and check it against the JSON Schema
 * the stage expects (ajv, draft 2020-12).
 */
import { createRequire } from 'node:module';
import type { Ajv2020 as Ajv, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { PRECOMPILED } from './answers.validate.generated.js';

/**
 * The JSON an answer holds: the whole text when it is JSON, else the last ```json fenced block
 * that parses, else the last balanced `{…}` object in the text that parses.
 */
export function extractJson(text: string): { value: unknown } | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  const whole = tryParse(trimmed);
  if (whole) return whole;
  const fenced = [...trimmed.matchAll(/```[ \t]*(?:json|jsonc|JSON)?[ \t]*\r?\n([\s\S]*?)```/g)];
  for (let i = fenced.length - 1; i >= 0; i--) {
    const found = tryParse(fenced[i][1].trim());
    if (found) return found;
  }
  return lastObject(trimmed);
}

function tryParse(text: string): { value: unknown } | undefined {
  if (!/^[[{]/.test(text)) return undefined;
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

/** The last `{…}` in the text that parses as JSON (string-aware brace matching). */
function lastObject(text: string): { value: unknown } | undefined {
  let found: { value: unknown } | undefined;
  let from = 0;
  while (from < text.length) {
    const start = text.indexOf('{', from);
    if (start < 0) break;
    const end = matchingBrace(text, start);
    const parsed = end > 0 ? tryParse(text.slice(start, end + 1)) : undefined;
    if (parsed) {
      found = parsed;
      from = end + 1;
    } else {
      from = start + 1;
    }
  }
  return found;
}

function matchingBrace(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return c === '}' ? i : -1;
      if (depth < 0) return -1;
    }
  }
  return -1;
}

export interface SchemaChecker {
  /** Messages for each mismatch, first one first; empty when the value matches. */
  check(value: unknown): string[];
}

/**
 * The shipped answer schemas (plan, review) are precompiled (src/agents/answers.validate.generated.ts,
 * `npm run gen:validator`, same options as below); any other schema is compiled once, on first use,
 * by an ajv that is only loaded then.
 */
const compiled = new Map<string, ValidateFunction>(PRECOMPILED as Map<string, ValidateFunction>);
let ajv: Ajv | undefined;

function compiler(): Ajv {
  if (!ajv) {
    const { Ajv2020 } = createRequire(import.meta.url)('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
    ajv = new Ajv2020({ allErrors: true, strict: false, allowUnionTypes: true });
  }
  return ajv;
}

/** Compile a schema once (cached by its text); a schema that cannot compile gives `error`. */
export function schemaChecker(schema: object): SchemaChecker | { error: string } {
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    try {
      validate = compiler().compile(forDraft2020(schema));
    } catch (e) {
      return { error: (e as Error).message };
    }
    compiled.set(key, validate);
  }
  const fn = validate;
  return {
    check(value) {
      return fn(value) ? [] : (fn.errors ?? []).map(describeError);
    },
  };
}

/** Older drafts mostly work under 2020-12; only their `$schema` marker would be refused. */
function forDraft2020(schema: object): object {
  const s = schema as Record<string, unknown>;
  if (typeof s.$schema === 'string' && !s.$schema.includes('2020-12')) {
    const { $schema: _drop, ...rest } = s;
    return rest;
  }
  return schema;
}

/** `/decision must be equal to one of the allowed values (approve, reject)`. */
export function describeError(e: ErrorObject): string {
  const where = e.instancePath || '(root)';
  let message = `${where} ${e.message ?? 'is invalid'}`;
  const params = e.params as Record<string, unknown>;
  if (Array.isArray(params.allowedValues)) message += ` (${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')})`;
  if (typeof params.additionalProperty === 'string') message += ` (${JSON.stringify(params.additionalProperty)})`;
  return message;
}

/** The first message, without the detail in parentheses: what an error report names. */
export function headline(message: string): string {
  return message.replace(/ \([^()]*\)$/, '');
}

const STRICT_UNSUPPORTED = [
  'allOf',
  'oneOf',
  'not',
  'if',
  'then',
  'else',
  'dependentRequired',
  'dependentSchemas',
  'patternProperties',
  'unevaluatedProperties',
  'unevaluatedItems',
  'propertyNames',
  'contains',
  'minProperties',
  'maxProperties',
  'uniqueItems',
  '$dynamicRef',
];

/**
 * Whether a model API in strict structured-output mode accepts this schema: every object closes
 * its properties (`additionalProperties: false`) and requires all of them, and no keyword outside
 * that subset is used. Codex sends `--output-schema` strictly, so odw only passes such schemas.
 */
export function isStrictCompatible(schema: unknown, root = true): boolean {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return false;
  const s = schema as Record<string, unknown>;
  if (STRICT_UNSUPPORTED.some((k) => k in s)) return false;
  if (root && (s.type !== 'object' || 'anyOf' in s)) return false;
  const props = s.properties as Record<string, unknown> | undefined;
  if (s.type === 'object' || props) {
    if (s.additionalProperties !== false) return false;
    const required = Array.isArray(s.required) ? s.required : [];
    if (Object.keys(props ?? {}).some((k) => !required.includes(k))) return false;
  }
  const children: unknown[] = [
    ...Object.values(props ?? {}),
    ...(s.items !== undefined ? [s.items] : []),
    ...(Array.isArray(s.anyOf) ? s.anyOf : []),
    ...Object.values((s.$defs ?? s.definitions ?? {}) as Record<string, unknown>),
  ];
  return children.every((c) => c === true || isStrictCompatible(c, false));
}
