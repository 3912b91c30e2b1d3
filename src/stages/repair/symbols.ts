/**
 * Symbols a task's diff defines: top-level or exported definitions (no leading indentation)
 * outside test files — never locals, methods' helpers or test functions — and, as a fallback,
 * calls its prompt names.
 */
import type { TaskCandidate } from '../../tasks/types.js';
import { diffOf, type FileDiff } from './diff.js';
import { isTestPath } from './paths.js';

const DEFINITION = new RegExp(
  [
    // JS/TS: export default async function name, export const name =, class, interface, type, enum
    String.raw`^(?:export\s+)?(?:default\s+)?(?:declare\s+)?(?:async\s+)?(?:function\s*\*?\s*([A-Za-z_$][\w$]*)|(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*[=:]|(?:abstract\s+)?class\s+([A-Za-z_$][\w$]*)|interface\s+([A-Za-z_$][\w$]*)|type\s+([A-Za-z_$][\w$]*)\s*[=<]|enum\s+([A-Za-z_$][\w$]*))`,
    // Python: def, async def, class
    String.raw`^(?:async\s+)?(?:def|class)\s+([A-Za-z_]\w*)`,
    // Rust: (pub) fn, struct, enum, trait, const, static, type
    String.raw`^(?:pub(?:\([\w:]+\))?\s+)?(?:async\s+)?(?:unsafe\s+)?(?:fn|struct|enum|trait|const|static|type)\s+([A-Za-z_]\w*)`,
    // Go: func name, func (r *T) name
    String.raw`^func\s+(?:\([^)]*\)\s*)?([A-Za-z_]\w*)`,
    // CommonJS: exports.name =, module.exports.name =
    String.raw`^(?:module\.)?exports\.([A-Za-z_$][\w$]*)\s*=`,
  ].join('|'),
);
const TEST_NAME = /^(test_|Test[A-Z_])|^test$/;

/** The name a line defines, when it is a top-level definition. */
export function definedName(line: string): string | undefined {
  if (/^\s/.test(line)) return undefined;
  const name = DEFINITION.exec(line)
    ?.slice(1)
    .find((x) => x !== undefined);
  return name && !TEST_NAME.test(name) ? name : undefined;
}

const sourceFiles = (files: FileDiff[]) => files.filter((f) => !isTestPath(f.path));

/** Top-level definitions on the diff's added lines, outside test files. */
export function definedSymbols(task: TaskCandidate): string[] {
  const names = new Set<string>();
  for (const f of sourceFiles(diffOf(task))) for (const line of f.added.values()) names.add(definedName(line) ?? '');
  names.delete('');
  return [...names];
}

/** The file where the task's diff changed (added, removed or rewrote) the declaration of `name`. */
export function changedDeclaration(task: TaskCandidate, name: string): { file: string; line: string } | undefined {
  for (const f of sourceFiles(diffOf(task))) {
    const line = [...f.added.values(), ...f.removed].find((l) => definedName(l) === name);
    if (line !== undefined) return { file: f.path, line: line.trim() };
  }
  return undefined;
}

/** Whether the task's diff removed the declaration of `name` (a removed line declares it, no added line does): a rename or a deletion. */
export function removedDeclaration(task: TaskCandidate, name: string): boolean {
  const files = sourceFiles(diffOf(task));
  const declares = (lines: Iterable<string>) => [...lines].some((l) => definedName(l) === name);
  return files.some((f) => declares(f.removed)) && !files.some((f) => declares(f.added.values()));
}

// Paths (`test/checkout.test.js`, `src/a/b`, `README.md`) are file names, not symbols.
const PATH_LIKE = /(?:[\w@.-]+\/)+[\w@.-]*|[\w@-]+(?:\.[\w-]+)*\.(?:[cm]?[jt]sx?|py|rs|go|md|json|ya?ml|toml|txt|css|html)\b/g;

/** Where `name` appears in the text as a whole identifier (never inside a path), or -1. */
export function findSymbol(text: string, name: string): number {
  const masked = text.replace(PATH_LIKE, (p) => ' '.repeat(p.length));
  const m = new RegExp(`(^|[^\\w$])${name.replace(/[$]/g, '\\$')}(?![\\w$])`).exec(masked);
  return m ? m.index + m[1].length : -1;
}

/** Calls (`name(`) a task's prompt mentions near one of its own paths. */
export function promptSymbols(task: TaskCandidate): string[] {
  const names = new Set<string>();
  for (const path of task.owned) {
    let at = task.prompt.indexOf(path);
    while (at >= 0) {
      const window = task.prompt.slice(Math.max(0, at - 260), at + path.length + 80);
      for (const m of window.matchAll(/([A-Za-z_$][\w$]{2,})\s*\(/g)) names.add(m[1]);
      at = task.prompt.indexOf(path, at + 1);
    }
  }
  return [...names];
}
