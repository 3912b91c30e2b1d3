/**
 * go test: a `--- FAIL: TestName` line and the `file_test.go:12: message` lines indented under it
 * (a parent whose subtests failed is not a failure of its own); a build failure's `./file.go:3:2:`
 * lines under its `# package` header; a panic and the first lines of its trace.
 */
import { indentOf, makeBlock, type Parser } from './common.js';
import type { FailureBlock } from './types.js';

const FAIL = /^(\s*)--- FAIL: (\S+)/;
const BUILD = /^(?:\.\/)?\S+\.go:\d+:\d+: /;

export const parseGo: Parser = (output, cwd) => {
  const lines = output.split('\n');
  const blocks: FailureBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const m = FAIL.exec(line);
    if (m) {
      const body: string[] = [];
      for (let j = i + 1; j < lines.length && indentOf(lines[j]) > m[1].length && !FAIL.test(lines[j]); j++) body.push(lines[j]);
      if (body.some((l) => l.trim())) blocks.push(makeBlock('go', m[2], [line, ...body], cwd));
    } else if (/^# \S+/.test(line) && BUILD.test(lines[i + 1] ?? '')) {
      const raw = [line];
      while (i + 1 < lines.length && (BUILD.test(lines[i + 1]) || /^\s+\S/.test(lines[i + 1]))) raw.push(lines[++i]);
      blocks.push(makeBlock('go', `build failed: ${line.slice(2)}`, raw, cwd));
    } else if (/^panic: /.test(line)) {
      blocks.push(makeBlock('go', line, lines.slice(i, i + 12), cwd));
    }
  }
  return blocks;
};
