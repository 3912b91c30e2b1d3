import { describe, expect, it } from 'vitest';
import { evaluate, ExpressionError, parseExpression, references, statusFunctions, truthy, type ExpressionContext } from '../../src/config/expression.js';

const ctx: ExpressionContext = {
  inputs: { check: 'npm test', rounds: 3, strict: false, empty: '', count: '5', list: ['a', 'b'] },
  stages: { build: { status: 'succeeded', outputs: { decision: 'approve', files: ['a.ts'], n: '2' } }, 'build-app': { status: 'failed' } },
  run: { id: 'r1', repo: '/repo', pipeline: 'p' },
  loop: { round: 2, max: 3 },
};
const ev = (src: string): unknown => evaluate(parseExpression(src), ctx);

describe('parseExpression and evaluate', () => {
  it.each([
    ["inputs.check != '' && stages.build.status == 'succeeded'", true],
    ['inputs.strict', false],
    ['!inputs.strict', true],
    ['inputs.strict || inputs.rounds > 2', true],
    ['loop.round >= loop.max', false],
    ['loop.round < 3 && (inputs.rounds == 3)', true],
    ['${{ stages.build.outputs.decision == "approve" }}', true],
    ["stages.build-app.status == 'failed'", true],
    ['inputs.count == 5', true],
    ["inputs.count == '5'", true],
    ['inputs.rounds == "3"', true],
    ["inputs.rounds == '3.0'", true],
    ['inputs.strict == 0', false],
    ['inputs.empty == 0', false],
    ['inputs.missing == null', true],
    ['inputs.missing.deeper.still', null],
    ['stages.nope.status', null],
    ["contains(inputs.list, 'b')", true],
    ["contains(stages.build.outputs.files, 'b.ts')", false],
    ["contains(inputs.check, 'test')", true],
    ["startsWith(inputs.check, 'npm')", true],
    ["endsWith(inputs.check, 'npm')", false],
    ['contains(inputs.missing, 1)', false],
    ['stages.build.outputs.n < 10', true],
    ["'b' > 'a'", true],
    ['null < 1', false],
    ['-1 < 0', true],
    ['true', true],
    ["stages.build.outputs['decision']", 'approve'],
    ['stages.build.outputs.files[0]', 'a.ts'],
    ['inputs.list', ['a', 'b']],
  ])('%s → %j', (src, value) => {
    expect(ev(src)).toEqual(value);
  });

  it('never reads prototypes or inherited properties', () => {
    expect(ev('inputs.__proto__')).toBe(null);
    expect(ev('inputs.constructor')).toBe(null);
    expect(ev('inputs.check.constructor.prototype')).toBe(null);
    expect(ev('inputs.toString')).toBe(null);
    expect(ev("inputs['__proto__'].polluted")).toBe(null);
    expect(ev('inputs.hasOwnProperty')).toBe(null);
    const inherited = Object.create({ secret: 'x' }) as object;
    expect(evaluate(parseExpression('inputs.secret'), { inputs: inherited })).toBe(null);
  });

  it.each([
    ['', 'empty expression', 1],
    ['inputs.a = 1', 'unexpected "=" (use ==)', 10],
    ['inputs.a &&', 'unexpected end of expression', 12],
    ["inputs.a == 'x", 'unterminated string', 13],
    ['foo.bar', 'unknown name "foo": paths start with inputs., stages., run. or loop., and strings are quoted', 1],
    ['upper(inputs.a)', 'unknown function "upper" (functions: contains, startsWith, endsWith, success, failure, always)', 1],
    ['contains(inputs.a)', 'contains() takes 2 arguments, got 1', 1],
    ['(inputs.a', 'expected ")" but found end of expression', 10],
    ['inputs.a == 1 == 2', 'comparisons cannot be chained; use && between them', 15],
    ['${{ inputs. }}', 'expected a name after "." but found end of expression', 13],
    ['inputs.a # b', 'unexpected character "#"', 10],
    ['always(inputs.a)', 'always() takes no arguments', 1],
  ])('rejects %j', (src, message, column) => {
    let error: unknown;
    try {
      parseExpression(src);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ExpressionError);
    expect((error as ExpressionError).message).toBe(message);
    expect((error as ExpressionError).column).toBe(column);
  });

  it('lists the inputs and stages an expression reads', () => {
    const expr = parseExpression("inputs.a && stages.build.status == 'ok' || contains(stages.review.outputs.x, inputs.b) || !inputs.a || loop.round > 1");
    expect(references(expr)).toEqual({ inputs: ['a', 'b'], stages: ['build', 'review'] });
  });
});

describe('status functions', () => {
  it('success() is the default state; failure() holds once an earlier stage failed; always() always', () => {
    const at = (src: string, failed?: boolean) => evaluate(parseExpression(src), { ...ctx, ...(failed === undefined ? {} : { status: { failed } }) });
    expect([at('success()'), at('failure()'), at('always()')]).toEqual([true, false, true]);
    expect([at('success()', true), at('failure()', true), at('always()', true)]).toEqual([false, true, true]);
    expect(at("failure() && inputs.check == 'npm test'", true)).toBe(true);
    expect(statusFunctions(parseExpression("!failure() || contains(inputs.list, 'a') && always()"))).toEqual(['failure', 'always']);
    expect(statusFunctions(parseExpression('inputs.a'))).toEqual([]);
  });
});

describe('truthy', () => {
  it.each([
    [null, false],
    [undefined, false],
    [false, false],
    [0, false],
    ['', false],
    [Number.NaN, false],
    [[], true],
    [{}, true],
    ['0', true],
    ['false', true],
    [1, true],
  ])('%j → %s', (v, t) => {
    expect(truthy(v)).toBe(t);
  });
});
