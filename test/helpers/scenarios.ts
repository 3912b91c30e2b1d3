/** A small calculator project and a reject-then-approve scenario for the scripted agents. */
export const calcFiles = {
  'package.json': '{ "type": "module" }\n',
  'src/math.js': '// math helpers\n',
  'src/format.js': '// formatting\n',
  'README.md': '# calc\n',
  'test/check.mjs': [
    "import { sum } from '../src/math.js';",
    "import { formatSum } from '../src/format.js';",
    "if (sum(2, 3) !== 5) { console.error(`expected sum(2, 3) to be 5 but got ${sum(2, 3)}`); process.exit(1); }",
    "if (formatSum(2, 3) !== '2 + 3 = 5') { console.error('formatSum is wrong'); process.exit(1); }",
    "console.log('all checks pass');",
    '',
  ].join('\n'),
};

export const calcPlan = {
  summary: 'Add sum() and a formatter, with docs.',
  tasks: [
    { id: 'math', title: 'sum()', files: ['src/math.js'], prompt: 'Export sum(a, b) from src/math.js.' },
    { id: 'format', files: ['src/format.js'], prompt: "Export formatSum(a, b) from src/format.js returning 'a + b = sum'; import sum from ./math.js." },
    { id: 'docs', files: ['README.md'], prompt: 'Document sum and formatSum in README.md.' },
  ],
  risks: [],
};

export const GOOD_SUM = 'export function sum(a, b) {\n  return a + b;\n}\n';
export const FORMAT = "import { sum } from './math.js';\nexport function formatSum(a, b) {\n  return `${a} + ${b} = ${sum(a, b)}`;\n}\n";
export const README = '# calc\n\n`sum(a, b)` adds; `formatSum(a, b)` prints the sum.\n';

export const happyScenario = {
  plan: calcPlan,
  implement: {
    // wrong in round 1, fixed when repaired (round 2)
    math: { '1': { write: { 'src/math.js': 'export function sum(a, b) {\n  return a - b;\n}\n' } }, '2': { write: { 'src/math.js': GOOD_SUM } } },
    format: { '*': { write: { 'src/format.js': FORMAT } } },
    docs: { '*': { write: { 'README.md': README } } },
  },
  review: {
    correctness: {
      '1': { decision: 'reject', summary: 'sum subtracts', blockers: [{ message: 'src/math.js returns a - b instead of a + b, so formatSum prints the wrong total', file: 'src/math.js', symbol: 'sum' }] },
      '2': { decision: 'approve', summary: 'correct', blockers: [] },
    },
    'owner-risk': { '*': { decision: 'approve', summary: 'fine', blockers: [] } },
  },
};

