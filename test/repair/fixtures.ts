/** Hand-built candidates and failure blocks for the repair routing tests. */
import type { FailureBlock, FailureLocation, Runner } from '../../src/stages/review/failures/types.js';
import type { TaskCandidate } from '../../src/tasks/types.js';

/** A unified diff that adds a whole file. */
export function newFile(path: string, text: string): string {
  const lines = text.replace(/\n$/, '').split('\n');
  return [
    `diff --git a/${path} b/${path}`,
    'new file mode 100644',
    '--- /dev/null',
    `+++ b/${path}`,
    `@@ -0,0 +1,${lines.length} @@`,
    ...lines.map((l) => `+${l}`),
    '',
  ].join('\n');
}

/** A unified diff with one hunk at new-side line `at`; lines start with `+`, `-` or a space. */
export function hunk(path: string, at: number, lines: string[]): string {
  const oldCount = lines.filter((l) => !l.startsWith('+')).length;
  const newCount = lines.filter((l) => !l.startsWith('-')).length;
  return [`diff --git a/${path} b/${path}`, `--- a/${path}`, `+++ b/${path}`, `@@ -${at},${oldCount} +${at},${newCount} @@`, ...lines, ''].join('\n');
}

export const task = (id: string, owned: string[], diff = '', prompt = `Implement ${id}.`): TaskCandidate => ({
  id,
  owned,
  touched: owned.filter((p) => !p.includes('*')),
  prompt,
  diff,
});

export const at = (file: string, line?: number, fn?: string, text?: string): FailureLocation => ({
  file,
  ...(line !== undefined ? { line } : {}),
  ...(fn ? { fn } : {}),
  text: text ?? (fn ? `    at ${fn} (${file}:${line ?? 1}:5)` : `${file}:${line ?? 1}`),
});

export const block = (runner: Runner, title: string, locations: FailureLocation[], extra: { lines?: string[]; symbols?: string[] } = {}): FailureBlock => ({
  runner,
  title,
  lines: extra.lines ?? [title, ...locations.map((l) => l.text)],
  locations,
  symbols: extra.symbols ?? [],
});

export const failures = (...blocks: FailureBlock[]) => ({ runner: blocks[0]?.runner ?? 'generic', blocks, summary: [], text: '', truncated: false });

export const checkBlocker = (tail = 'lots of output') => ({ message: `check \`npm test\` exited with code 1:\n${tail}`, source: 'check' });
