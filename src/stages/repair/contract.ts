/**
 * A compile error about a contract (`has no exported member 'X'`, `Expected 2 arguments` with the
 * callee, `X is not a function`): the task whose diff added, removed or rewrote X's declaration.
 * When no task changed it and the error names the module (`Module '"./pricing.js"' has no
 * exported member`), the owner of that module: it was to provide X.
 */
import type { FailureBlock } from '../review/failures/types.js';
import type { TaskCandidate } from '../../tasks/types.js';
import { clipEvidence, type Blame } from './blame.js';
import { importsOf } from './imports.js';
import { isTestPath, ownerOf } from './paths.js';
import { changedDeclaration } from './symbols.js';
import { existsInCandidate, type ReadFile } from './under-test.js';

const MODULE = /Module ['"]+([^'"]+)['"]+ has no exported member/;

export function contractBlame(block: FailureBlock, tasks: TaskCandidate[], readFile?: ReadFile): Blame[] {
  const evidence = clipEvidence(block.title);
  return block.symbols.flatMap((raw) => {
    const name = raw.split(/\.|::/).pop() ?? raw;
    const changed = tasks.flatMap((t) => {
      const decl = changedDeclaration(t, name);
      return decl ? [{ task: t.id, rule: 'contract-change' as const, evidence, why: `its diff changed the declaration of ${name} in ${decl.file}` }] : [];
    });
    return changed.length ? changed : moduleOwner(block, name, tasks, readFile);
  });
}

function moduleOwner(block: FailureBlock, name: string, tasks: TaskCandidate[], readFile?: ReadFile): Blame[] {
  const spec = MODULE.exec([block.title, ...block.lines].join('\n'))?.[1];
  const from = block.locations[0]?.file;
  if (!spec || !from) return [];
  const path = importsOf(from, `import { ${name} } from '${spec}';`)[0]?.paths.find((p) => existsInCandidate(p, tasks, readFile));
  const task = path && !isTestPath(path) ? ownerOf(path, tasks) : undefined;
  return task ? [{ task, rule: 'contract-change', evidence: clipEvidence(block.title), why: `owns ${path}, the module that was to export ${name}` }] : [];
}
