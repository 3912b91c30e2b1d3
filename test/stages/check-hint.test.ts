/**
 * A review check that needs the user's untracked node_modules fails in the review workspace,
 * which holds only committed files: the blocker and the run's failure say so and name the fix,
 * `workspace.link: [node_modules]`. (Verify runs the check in the user's tree: no hint there.)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFlagship } from '../helpers/flagship.js';
import { missingModulesHint } from '../../src/stages/review/check.js';
import { tempDir } from '../helpers/tmp.js';

const files = {
  '.gitignore': 'node_modules\n',
  'package.json': '{ "type": "module" }\n',
  'src/greet.js': '// greeting\n',
  'test/check.mjs': "import pad from 'left-pad-x';\nimport { greet } from '../src/greet.js';\nif (greet() !== pad('hi')) process.exit(1);\n",
};
const tasks = { tasks: [{ id: 'greet', files: ['src/greet.js'], prompt: 'Export greet() returning " hi".' }] };
const scenario = {
  implement: { greet: { '*': { write: { 'src/greet.js': "export function greet() {\n  return ' hi';\n}\n" } } } },
  review: { '*': { '*': { decision: 'approve', summary: 'fine', blockers: [] } } },
};
const inputs = { check: 'node test/check.mjs', maxRounds: '1' };
const HINT =
  "(hint: workspaces hold only committed files, so this one has no node_modules: add `link: [node_modules]` under the pipeline's `workspace:`, or install them with `workspace.setup`)";

/** The user's installed (untracked, ignored) dependency. */
async function installed(repo: { dir: string }): Promise<void> {
  mkdirSync(join(repo.dir, 'node_modules/left-pad-x'), { recursive: true });
  writeFileSync(join(repo.dir, 'node_modules/left-pad-x/package.json'), '{ "name": "left-pad-x", "type": "module", "main": "index.js" }\n');
  writeFileSync(join(repo.dir, 'node_modules/left-pad-x/index.js'), "export default (s) => ' ' + s;\n");
}

describe('a review check that cannot find a package in the review workspace', () => {
  it('rejects with a blocker, and fails the run with a message, that hint at workspace.link', async () => {
    const r = await runFlagship({ files, scenario, tasks, inputs, prepare: installed });
    expect(r.code).toBe(1);
    expect(r.record.error.category).toBe('review_rounds_exhausted');
    expect(r.record.error.message).toContain(`check \`node test/check.mjs\` exited with code 1 ${HINT}:`);
    const review = r.record.history.find((h: { step: string }) => h.step === 'review');
    expect(review.blockers[0].message).toMatch(/^check `node test\/check\.mjs` exited with code 1 \(hint: [^\n]*\):\n[^]*Cannot find package 'left-pad-x'/);
  });
});

describe('missingModulesHint', () => {
  const workspace = () => {
    const root = tempDir();
    mkdirSync(join(root, 'repo/node_modules'), { recursive: true });
    mkdirSync(join(root, 'ws/src'), { recursive: true });
    return { repo: join(root, 'repo'), ws: join(root, 'ws') };
  };

  it('names the fix for a missing package or a missing tool of node_modules/.bin', () => {
    const { repo, ws } = workspace();
    expect(missingModulesHint("Error: Cannot find module 'lodash'", ws, repo)).toContain('link: [node_modules]');
    expect(missingModulesHint("Error [ERR_MODULE_NOT_FOUND]: Cannot find package '@acme/util' imported from test/a.mjs", ws, repo)).toContain(
      'link: [node_modules]',
    );
    expect(missingModulesHint('> vitest run\n\nsh: 1: vitest: not found', ws, repo)).toContain('link: [node_modules]');
  });

  it('says nothing when the missing module is a file of the change, the workspace has node_modules, or the user has none', () => {
    const { repo, ws } = workspace();
    expect(missingModulesHint("Error: Cannot find module './math.js'", ws, repo)).toBeUndefined();
    expect(missingModulesHint("Cannot find module 'src/math.js' imported from test/check.mjs", ws, repo)).toBeUndefined();
    expect(missingModulesHint('expected 5 but got -1', ws, repo)).toBeUndefined();
    expect(missingModulesHint("Error: Cannot find module 'lodash'", ws, join(repo, 'nothing-here'))).toBeUndefined();
    mkdirSync(join(ws, 'node_modules'));
    expect(missingModulesHint("Error: Cannot find module 'lodash'", ws, repo)).toBeUndefined();
  });
});
