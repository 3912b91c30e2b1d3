/**
 * The quickstart's example project and its reject-then-approve scenario (examples/quickstart/),
 * shared by the tests so that what the README's quickstart shows is what the tests check.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const QUICKSTART = fileURLToPath(new URL('../../examples/quickstart/', import.meta.url));

function readTree(root: string, dir = root): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) Object.assign(files, readTree(root, path));
    else files[relative(root, path)] = readFileSync(path, 'utf8');
  }
  return files;
}

export const calcFiles = readTree(join(QUICKSTART, 'project'));
export const happyScenario = JSON.parse(readFileSync(join(QUICKSTART, 'scenario.json'), 'utf8'));
type Step = { write: Record<string, string> };
export const GOOD_SUM = (happyScenario.implement.math['2'] as Step).write['src/math.js'];
export const FORMAT = (happyScenario.implement.format['*'] as Step).write['src/format.js'];
export const README = (happyScenario.implement.docs['*'] as Step).write['README.md'];
