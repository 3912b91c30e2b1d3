import { describe, expect, it } from 'vitest';
import { looksLikeQuestion } from '../../src/agents/questions.js';
import { extractJson, isStrictCompatible, schemaChecker } from '../../src/agents/structured.js';

describe('extractJson', () => {
  it.each([
    ['a whole JSON text', ' {"a": 1} ', { a: 1 }],
    ['a whole JSON array', '[1, 2]', [1, 2]],
    ['a fenced block', 'Here it is:\n```json\n{"a": 2}\n```\nThanks.', { a: 2 }],
    ['the last fenced block', '```json\n{"a": 1}\n```\nthen\n```json\n{"a": 3}\n```', { a: 3 }],
    ['a fence without language', '```\n{"a": 4}\n```', { a: 4 }],
    ['the last object in prose', 'First {"a": 1} and finally {"a": 5}.', { a: 5 }],
    ['braces inside strings', 'Answer: {"text": "a } and { inside", "n": 1}', { text: 'a } and { inside', n: 1 }],
    ['nested objects', 'x {"a": {"b": [1, {"c": 2}]}} y', { a: { b: [1, { c: 2 }] } }],
    ['an object after broken braces', '{not json} then {"ok": true}', { ok: true }],
    ['an inner object when the outer is broken', '{oops, {"inner": 1}', { inner: 1 }],
  ])('finds %s', (_name, text, expected) => {
    expect(extractJson(text)).toEqual({ value: expected });
  });

  it.each([[''], ['no json here'], ['{broken'], ['```json\nnot json\n```']])('finds nothing in %j', (text) => {
    expect(extractJson(text)).toBeUndefined();
  });
});

describe('schemaChecker', () => {
  const schema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    required: ['decision'],
    additionalProperties: false,
    properties: { decision: { enum: ['approve', 'reject'] }, blockers: { type: 'array', items: { type: 'string' } } },
  };

  it('lists mismatches with their paths', () => {
    const checker = schemaChecker(schema);
    if ('error' in checker) throw new Error(checker.error);
    expect(checker.check({ decision: 'approve' })).toEqual([]);
    expect(checker.check({ decision: 'maybe', blockers: [1], extra: true })).toEqual([
      '(root) must NOT have additional properties ("extra")',
      '/decision must be equal to one of the allowed values ("approve", "reject")',
      '/blockers/0 must be string',
    ]);
    expect(checker.check({})).toEqual(["(root) must have required property 'decision'"]);
  });

  it('accepts draft-07 schemas and reports schemas that do not compile', () => {
    const draft7 = schemaChecker({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'string' });
    expect('error' in draft7).toBe(false);
    expect(schemaChecker({ type: 'wrong' })).toHaveProperty('error');
  });
});

describe('isStrictCompatible', () => {
  it('accepts closed objects that require every property', () => {
    expect(
      isStrictCompatible({
        type: 'object',
        additionalProperties: false,
        required: ['a', 'b'],
        properties: {
          a: { type: 'string' },
          b: { type: 'array', items: { type: 'object', additionalProperties: false, required: ['c'], properties: { c: { type: 'number' } } } },
        },
      }),
    ).toBe(true);
  });

  it.each([
    ['an optional property', { type: 'object', additionalProperties: false, required: ['a'], properties: { a: {}, b: {} } }],
    ['an open object', { type: 'object', required: ['a'], properties: { a: { type: 'string' } } }],
    ['oneOf', { type: 'object', additionalProperties: false, required: ['a'], properties: { a: { oneOf: [{ type: 'string' }] } } }],
    ['a non-object root', { type: 'array', items: { type: 'string' } }],
  ])('rejects %s', (_name, schema) => {
    expect(isStrictCompatible(schema)).toBe(false);
  });
});

describe('looksLikeQuestion', () => {
  it.each([
    ['Which color should the button be?', 0, true],
    ['I can do this two ways. Should I use the API or the CLI?', 0, true],
    ['Which color should the button be?', 1, false],
    ['Done. I created the file.', 0, false],
    ['Is this right?\n```js\nx()\n```\nOK?', 0, false],
    ['', 0, false],
  ])('%j with %i file changes → %s', (message, changes, expected) => {
    expect(looksLikeQuestion(message, changes)).toBe(expected);
  });
});
