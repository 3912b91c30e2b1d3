// ESLint (flat config): the recommended rules of ESLint and typescript-eslint over src, test,
// bench and scripts, plus the layering of src/ (docs/architecture.md, "Layering"):
//   - nothing outside src/cli imports src/cli (errors and text formats live in src/util);
//   - src/util and src/ports import nothing else of odw;
//   - src/config and src/plan import of src/stages only the kinds' definitions (pure data);
//   - only src/adapters and src/git start processes (node:child_process, execa, simple-git), with
//     two named exceptions; stage handlers get processes through their ports;
//   - no import cycles in src/.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';

/** The modules that start processes; in src/ only the process adapter and src/git import them. */
const processModules = {
  paths: ['child_process', 'node:child_process', 'execa', 'simple-git'].map((name) => ({
    name,
    message: 'Processes are started through the ProcessRunner port (src/adapters/process.ts) or src/git; see docs/architecture.md, "Layering".',
  })),
};

export default defineConfig(
  {
    ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.odw/**', 'src/**/*.generated.ts'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: globals.node },
  },
  {
    // A name starting with _ is unused on purpose (a field dropped by destructuring, an argument).
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // A `let` that a closure declared above it reads (e.g. src/agents/call.ts's finish) is not a const.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      // Imports say `./x.js` for `./x.ts` (NodeNext): resolve them to the TypeScript source.
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'], extensionAlias: { '.js': ['.ts', '.js'] } })],
    },
    rules: {
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './src',
              from: './src/cli',
              except: [],
              message: 'Only src/cli imports src/cli: move what is shared below it (src/util, src/run, …).',
            },
            { target: './src/util', from: './src', except: ['./util'], message: 'src/util is the bottom layer: it imports nothing else of odw.' },
            {
              target: './src/ports',
              from: './src',
              except: ['./ports', './util'],
              message: 'src/ports holds interfaces only: it imports nothing but ports and util.',
            },
            {
              // Validation and the plan compiler read the stage kinds' definitions (pure data), never
              // a handler: `odw validate` must not load the handlers and what they import.
              target: ['./src/config', './src/plan'],
              from: './src/stages/**',
              except: ['**/src/stages/kinds.ts', '**/src/stages/definition.ts', '**/src/stages/*/definition.ts'],
              message: "src/config and src/plan read only the stage kinds' definitions (src/stages/kinds.ts, definition.ts), not handlers.",
            },
            {
              // The definitions themselves are pure data: they import only other definitions.
              target: ['./src/stages/kinds.ts', './src/stages/definition.ts', './src/stages/*/definition.ts'],
              from: './src/stages/**',
              except: ['**/src/stages/kinds.ts', '**/src/stages/definition.ts', '**/src/stages/*/definition.ts'],
              message: "A stage kind's definition is pure data: it imports no handler (src/stages/registry.ts holds those).",
            },
          ],
        },
      ],
      'no-restricted-imports': ['error', processModules],
    },
  },
  {
    // src/cli may import itself (the zone above is lifted), and still starts no processes.
    files: ['src/cli/**/*.ts'],
    rules: {
      'import-x/no-restricted-paths': 'off',
    },
  },
  {
    // Who may start processes: the process adapter, the git module, the sandbox's probe of `bwrap`
    // on the host (src/agents/sandbox-host.ts) and `odw report --open`, which starts the browser
    // detached and forgets it (src/cli/commands/report.ts).
    files: ['src/adapters/**/*.ts', 'src/git/**/*.ts', 'src/agents/sandbox-host.ts', 'src/cli/commands/report.ts'],
    rules: {
      'no-restricted-imports': 'off',
    },
  },
);
