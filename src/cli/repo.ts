import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UserError } from '../util/errors.js';

/** The repository odw works on: --repo, else the enclosing git work tree of cwd, else cwd. */
export function findRepo(cwd: string, flag?: string): string {
  if (flag) {
    const dir = resolve(cwd, flag);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UserError(`--repo ${flag}: no such directory`);
    return dir;
  }
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return resolve(cwd);
  }
}
