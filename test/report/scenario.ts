/**
 * A real run of the shipped parallel-review-apply pipeline (real git, the odw binary, scripted
 * agents): three tasks, a rejected first review that sends back only the blamed task, an approved
 * second review, apply and verify. The report, `odw runs` and the docs' pictures are made from it.
 */
import { runFlagship, type FlagshipRun, type Scenario } from '../helpers/flagship.js';
import type { Json } from '../helpers/json.js';

export const files = {
  'package.json': '{ "type": "module" }\n',
  'src/math.js': '// math helpers\n',
  'src/format.js': '// formatting\n',
  'README.md': '# calc\n',
  'test/check.mjs': [
    "import { sum } from '../src/math.js';",
    "import { formatSum } from '../src/format.js';",
    'if (sum(2, 3) !== 5) { console.error(`expected sum(2, 3) to be 5 but got ${sum(2, 3)}`); process.exit(1); }',
    "if (formatSum(2, 3) !== '2 + 3 = 5') { console.error('formatSum is wrong'); process.exit(1); }",
    "console.log('all checks pass');",
    '',
  ].join('\n'),
};

export const BLOCKER = 'src/math.js returns a - b instead of a + b, so formatSum prints the wrong total';

export const rejectThenApprove: Scenario = {
  plan: {
    summary: 'Add sum() and a formatter, with docs.',
    tasks: [
      { id: 'math', title: 'sum()', files: ['src/math.js'], prompt: 'Export sum(a, b) from src/math.js.' },
      { id: 'format', files: ['src/format.js'], prompt: "Export formatSum(a, b) from src/format.js returning 'a + b = sum'; import sum from ./math.js." },
      { id: 'docs', files: ['README.md'], prompt: 'Document sum and formatSum in README.md.' },
    ],
    risks: [],
  },
  implement: {
    math: {
      '1': { write: { 'src/math.js': 'export function sum(a, b) {\n  return a - b;\n}\n' } },
      '2': { write: { 'src/math.js': 'export function sum(a, b) {\n  return a + b;\n}\n' } },
    },
    format: {
      '*': { write: { 'src/format.js': "import { sum } from './math.js';\nexport function formatSum(a, b) {\n  return `${a} + ${b} = ${sum(a, b)}`;\n}\n" } },
    },
    docs: { '*': { write: { 'README.md': '# calc\n\n`sum(a, b)` adds; `formatSum(a, b)` prints the sum.\n' } } },
  },
  review: {
    correctness: {
      '1': { decision: 'reject', summary: 'sum subtracts', blockers: [{ message: BLOCKER, file: 'src/math.js', symbol: 'sum' }] },
      '2': { decision: 'approve', summary: 'correct', blockers: [] },
    },
    'owner-risk': { '*': { decision: 'approve', summary: 'fine', blockers: [] } },
  },
};

export const inputs = { request: 'add sum and formatSum', check: 'node test/check.mjs' };

export function runRejectThenApprove(scenario: Scenario = rejectThenApprove): Promise<FlagshipRun> {
  return runFlagship({ files, scenario, inputs });
}

export const SCRIPT = '</script><script>alert(1)</script>';
export const IMG = '<img src=x onerror=alert(1)>';

/** The same run, with hostile text from the agents, the request and a diff. */
function hostileScenario(): Scenario {
  const s = structuredClone(rejectThenApprove) as { implement: Record<string, unknown>; review: Json };
  s.implement.docs = { '*': { write: { 'README.md': `# calc\n\n${IMG}\n` }, message: `docs done ${SCRIPT}` } };
  s.review.correctness['1'].blockers[0].message = `${BLOCKER} ${SCRIPT}`;
  s.review.correctness['1'].summary = `sum subtracts ${IMG}`;
  return s as Scenario;
}

export function runHostile(): Promise<FlagshipRun> {
  return runFlagship({ files, scenario: hostileScenario(), inputs: { ...inputs, request: `add sum ${SCRIPT}` } });
}
