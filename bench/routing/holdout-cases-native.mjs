// @ts-check
/** Held-out cases for pytest, go, cargo, tsc and eslint (labelled before routing ran). */
import { goConfig } from './holdout-go.mjs';
import { pyConfig } from './holdout-python.mjs';
import { textkit } from './holdout-textkit.mjs';
import { rustPara, tsConfig } from './holdout-typed.mjs';

const native = (id, runner, project, expect, extra = {}) => ({ id, runner, ...project, expect, ...extra });

/** The library checked by eslint; `edit` rewrites a task's change. */
function lint(edit) {
  const { base, tasks } = textkit('node');
  base['eslint.config.js'] = "import js from '@eslint/js';\n\nexport default [js.configs.recommended];\n";
  for (const t of tasks) t.change = { ...t.change, ...(edit[t.id] ? edit[t.id](t.change) : {}) };
  return { base, tasks, check: { command: 'npx eslint src', node: true } };
}

export function nativeHoldout() {
  return [
    native(
      'hold-pytest-two-down',
      'pytest',
      pyConfig({ bugs: { parse: 'comment' } }),
      {
        tasks: ['parse'],
        text: "port must be an integer, got '8080 # dev'",
        why: "validate (validate's) raises from load's test, but parse left the comment on the value",
      },
      { covers: ['two-levels-down', 'thrown-in-callee'] },
    ),
    native(
      'hold-pytest-caller',
      'pytest',
      pyConfig({ bugs: { load: 'order' } }),
      {
        tasks: ['load'],
        text: "assert 'localhost' == 'db.internal'",
        why: 'load calls merge(parse(text), defaults): the defaults win; merge does what it should',
      },
      { covers: ['caller-bug'] },
    ),
    native(
      'hold-pytest-knock-on',
      'pytest',
      pyConfig({ bugs: { merge: 'order' } }),
      { tasks: ['merge'], text: "assert 'localhost' == 'db'", why: "merge lets the base win: its own test and load's tests fail" },
      { covers: ['knock-on'] },
    ),
    native(
      'hold-pytest-callee-raises',
      'pytest',
      pyConfig({ bugs: { validate: 'range' } }),
      { tasks: ['validate'], text: 'port 65535 out of range 1-65535', why: "load's test of port 65535: validate rejects the top port" },
      { covers: ['test-imports-other-task'] },
    ),
    native(
      'hold-pytest-two-bugs',
      'pytest',
      pyConfig({ bugs: { parse: 'comment', validate: 'range' } }),
      {
        tasks: ['parse', 'validate'],
        text: 'port 65535 out of range 1-65535',
        why: 'two bugs, both raised in validate.py: parse keeps the comment, validate rejects 65535',
      },
      { covers: ['two-causes', 'two-levels-down'] },
    ),
    native(
      'hold-go-callee',
      'go',
      goConfig({ bugs: { validate: 'range' } }),
      { tasks: ['validate'], text: 'Load: port 65535 out of range 1-65535', why: "load's test fails on Validate's error for the top port" },
      { covers: ['test-imports-other-task'] },
    ),
    native(
      'hold-go-contract',
      'go',
      goConfig({ bugs: { parse: 'typed' } }),
      { tasks: ['parse'], text: 'need type assertion', why: 'parse made Parse return map[string]any, unasked; load.go no longer compiles' },
      { covers: ['changed-contract'] },
    ),
    native('hold-go-own', 'go', goConfig({ bugs: { load: 'order' } }), {
      tasks: ['load'],
      text: 'LoadWith = {Host:example Port:1}',
      why: 'LoadWith applies the defaults after the text; its own test shows it',
    }),
    native(
      'hold-cargo-callee',
      'cargo',
      rustPara({ bugs: { wrap: 'edge' } }),
      { tasks: ['wrap'], text: 'left: "> abcd\\n> efgh ij"', why: "para's test fails on a line that exactly fills the width: wrap breaks it (>= for >)" },
      { covers: ['test-imports-other-task'] },
    ),
    native(
      'hold-cargo-contract',
      'cargo',
      rustPara({ bugs: { indent: 'spaces' } }),
      { tasks: ['indent'], text: 'mismatched types', why: 'indent changed its prefix to a number of spaces, unasked; para.rs fails to compile' },
      { covers: ['changed-contract'] },
    ),
    native('hold-cargo-own', 'cargo', rustPara({ bugs: { para: 'width' } }), {
      tasks: ['para'],
      text: 'left: "> abcde\\n> fgh"',
      why: 'para forgets to subtract the prefix from the width; its own tests fail',
    }),
    native(
      'hold-tsc-contract',
      'tsc',
      tsConfig({ bugs: { schema: 'port' } }),
      {
        tasks: ['schema'],
        text: "Type 'number' is not assignable to type 'string'",
        why: "schema made port a string, unasked; the error is in env's src/env.ts",
      },
      { covers: ['changed-contract'] },
    ),
    native(
      'hold-tsc-consumer',
      'tsc',
      tsConfig({ bugs: { loader: 'args' } }),
      { tasks: ['loader'], text: 'Expected 1 arguments, but got 2', why: 'loader calls fromEnv with a second argument it never took' },
      { covers: ['caller-bug'] },
    ),
    native(
      'hold-eslint-undef',
      'eslint',
      lint({ toc: (c) => ({ 'src/toc.js': c['src/toc.js'].replace("import { truncate } from './truncate.js';\n", '') }) }),
      { tasks: ['toc'], text: "'truncate' is not defined", why: "toc calls truncate without importing it; truncate is truncate's symbol" },
      { covers: ['passing-lines-name-other-tasks'] },
    ),
    native(
      'hold-eslint-two-tasks',
      'eslint',
      lint({
        chars: (c) => ({ 'src/chars.js': c['src/chars.js'].replace('export function fold', 'const LIMIT = 3;\n\nexport function fold') }),
        slug: (c) => ({ 'src/slug.js': c['src/slug.js'].replace('max = Infinity', 'max = Infinty') }),
      }),
      {
        tasks: ['chars', 'slug'],
        text: "'LIMIT' is assigned a value but never used",
        why: "an unused constant in chars; slug's default max names Infinty, which is not defined",
      },
      { covers: ['two-causes'] },
    ),
  ];
}
