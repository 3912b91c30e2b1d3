/**
 * eslint (stylish): a file's path on a line of its own, then its `line:col  error  message  rule`
 * lines. One block per file; a file with only warnings counts when no file has errors.
 */
import { makeBlock, repoPath, symbolsIn, type Parser } from './common.js';
import type { FailureBlock, FailureLocation } from './types.js';

const MESSAGE = /^\s+(\d+):(\d+)\s+(error|warning)\s+(.+)$/;

export const parseEslint: Parser = (output, cwd) => {
  const lines = output.split('\n');
  const found: { block: FailureBlock; errors: boolean }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const header = lines[i];
    if (!/^\S/.test(header) || !MESSAGE.test(lines[i + 1] ?? '')) continue;
    const raw = [header];
    while (i + 1 < lines.length && MESSAGE.test(lines[i + 1])) raw.push(lines[++i]);
    const file = repoPath(header.trim(), cwd) ?? header.trim();
    const locations: FailureLocation[] = raw.slice(1).map((l) => {
      const m = MESSAGE.exec(l)!;
      return { file, line: Number(m[1]), column: Number(m[2]), text: l.trim() };
    });
    const block = makeBlock('eslint', file, [file, ...raw.slice(1)], cwd);
    found.push({ block: { ...block, locations, symbols: symbolsIn(raw) }, errors: raw.some((l) => MESSAGE.exec(l)?.[3] === 'error') });
  }
  const errors = found.filter((f) => f.errors);
  return (errors.length ? errors : found).map((f) => f.block);
};
