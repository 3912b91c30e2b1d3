/** Repositories, tasks and scripted agents shared by the flagship pipeline's tests. */

/** A small repository: two modules, their docs and a check script. */
export const demoFiles = {
  'package.json': '{ "type": "module" }\n',
  'src/a.js': '// a\n',
  'src/b.js': '// b\n',
  'README.md': '# demo\n',
  'check.mjs': [
    "import { alpha } from './src/a.js';",
    "import { beta } from './src/b.js';",
    'if (alpha() + beta() !== 3) { console.error(`expected alpha() + beta() to be 3, got ${alpha() + beta()}`); process.exit(1); }',
    "console.log('check passes');",
    '',
  ].join('\n'),
};

export const ALPHA = 'export function alpha() {\n  return 1;\n}\n';
export const BETA = 'export function beta() {\n  return 2;\n}\n';
export const DOCS = '# demo\n\n`alpha()` and `beta()` add up to 3.\n';

export const task = (id: string, files: string[], prompt = `Implement ${id} in ${files.join(', ')}.`) => ({ id, files, prompt });

/** alpha owns src/a.js, beta owns src/b.js. */
export const twoTasks = [
  task('alpha', ['src/a.js'], 'Export alpha() from src/a.js returning 1.'),
  task('beta', ['src/b.js'], 'Export beta() from src/b.js returning 2.'),
];

export const approve = { decision: 'approve', summary: 'looks right', blockers: [] };
export const reject = (message: string, extra: Record<string, unknown> = {}) => ({
  decision: 'reject',
  summary: 'must change',
  blockers: [{ message, ...extra }],
});

/** Every reviewer, every round. */
export const always = (verdict: unknown) => ({ '*': { '*': verdict } });

/** Each task writes its file in every round. */
export const writes = (files: Record<string, Record<string, string>>) =>
  Object.fromEntries(Object.entries(files).map(([id, w]) => [id, { '*': { write: w } }]));

/** The two tasks implemented correctly, approved by every reviewer. */
export const goodTwoTasks = {
  implement: writes({ alpha: { 'src/a.js': ALPHA }, beta: { 'src/b.js': BETA } }),
  review: always(approve),
};

/** A planner answer: alpha, beta and docs. */
export const threePlan = {
  summary: 'alpha, beta and their docs',
  tasks: [...twoTasks, task('docs', ['README.md'], 'Document alpha() and beta() in README.md.')],
  risks: [],
};

export const goodThree = writes({ alpha: { 'src/a.js': ALPHA }, beta: { 'src/b.js': BETA }, docs: { 'README.md': DOCS } });

/** alpha and beta both own src/a.js (allowSharedFiles) and change the same line: their patches conflict. */
export const conflict = {
  extra: 'stages:\n  - id: plan\n    with: { allowSharedFiles: true }\n',
  tasks: [task('alpha', ['src/a.js']), task('beta', ['src/a.js'])],
  scenario: { implement: writes({ alpha: { 'src/a.js': ALPHA }, beta: { 'src/a.js': BETA } }), review: always(approve) },
};

/**
 * A repair-routing scenario: every task writes `first` in round 1 and `second` (or `first` again)
 * when repaired; the correctness reviewer rejects round 1 with `blocker` and approves afterwards.
 */
export function routing(first: Record<string, Record<string, string>>, second: Record<string, Record<string, string>>, blocker: unknown) {
  const implement = Object.fromEntries(Object.keys(first).map((id) => [id, { '1': { write: first[id] }, '*': { write: second[id] ?? first[id] } }]));
  const review = { correctness: { '1': { decision: 'reject', summary: 'one blocker', blockers: [blocker] }, '*': approve }, 'owner-risk': { '*': approve } };
  return { implement, review };
}
