/** Reads one pipeline YAML file into a plain value plus a position lookup for its paths. */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type YAMLMap } from 'yaml';
import type { ConfigError } from './errors.js';
import { formatPath, type Segment } from './path.js';

export interface Position {
  line: number;
  col: number;
}

export interface ParsedYaml {
  file: string;
  /** The document as plain data (a mapping when there are no errors). */
  value: unknown;
  /** Position of the text at a path: a mapping entry's key, a list item's start, else the nearest ancestor. */
  pos(segments: readonly Segment[]): Position;
  errors: ConfigError[];
  /** True when the document cannot be used at all (syntax errors, not a mapping). */
  fatal: boolean;
}

export function parseYaml(text: string, file: string): ParsedYaml {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: false, merge: true });
  const at = (offset: number | undefined): Position => (offset === undefined ? { line: 1, col: 1 } : lc.linePos(offset));
  const pos = (segments: readonly Segment[]): Position => at(offsetOf(doc, segments));
  const errors: ConfigError[] = [];
  const located = (offset: number | undefined, path: string, message: string): ConfigError => ({ file, ...at(offset), path, message });

  // After the first syntax error the rest of the parse is unreliable: report that one only.
  const first = doc.errors[0] ?? doc.warnings[0];
  if (first) return { file, value: undefined, pos, errors: [located(first.pos[0], '', yamlMessage(first.message))], fatal: true };

  const root = doc.contents;
  if (!isMap(root)) {
    const found = root === null || (isScalar(root) && root.value === null) ? 'an empty document' : isSeq(root) ? 'a list' : 'a single value';
    errors.push({ ...located(root?.range?.[0], '', `a pipeline must be a mapping of keys (name, inputs, stages, …), found ${found}`) });
    return { file, value: undefined, pos, errors, fatal: true };
  }
  duplicateKeys(root, [], doc, (offset, path, key) => errors.push(located(offset, formatPath(path), `duplicate key "${key}"`)));
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    errors.push(located(root.range?.[0], '', (e as Error).message));
    return { file, value: undefined, pos, errors, fatal: true };
  }
  return { file, value, pos, errors, fatal: false };
}

/** yaml's messages without trailing position details. */
function yamlMessage(message: string): string {
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return `YAML syntax error: ${first.charAt(0).toLowerCase()}${first.slice(1)}`;
}

function keyText(key: unknown): string {
  if (!isScalar(key)) return String(key);
  // A `<<` merge key holds a symbol; its source text is `<<`.
  return typeof key.value === 'symbol' ? (key.source ?? '<<') : String(key.value);
}

function duplicateKeys(node: unknown, path: Segment[], doc: Document, report: (offset: number | undefined, path: Segment[], key: string) => void): void {
  if (isMap(node)) {
    const seen = new Set<string>();
    for (const pair of node.items) {
      const key = keyText(pair.key);
      if (key === '<<') continue;
      const at = [...path, key];
      if (seen.has(key)) report((pair.key as Node | null)?.range?.[0], at, key);
      seen.add(key);
      duplicateKeys(pair.value, at, doc, report);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => duplicateKeys(item, [...path, i], doc, report));
  }
}

/** Finds the entry for `key` in a mapping, looking through `<<` merge keys. */
function findPair(map: YAMLMap, key: string, doc: Document, depth = 0): { keyOffset?: number; value: unknown } | undefined {
  for (const pair of map.items) {
    if (isPair(pair) && keyText(pair.key) === key) return { keyOffset: (pair.key as Node | null)?.range?.[0], value: pair.value };
  }
  if (depth > 10) return undefined;
  for (const pair of map.items) {
    if (keyText(pair.key) !== '<<') continue;
    const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
    for (const s of sources) {
      const target = isAlias(s) ? s.resolve(doc) : s;
      const found = isMap(target) ? findPair(target, key, doc, depth + 1) : undefined;
      if (found) return found;
    }
  }
  return undefined;
}

function offsetOf(doc: Document, segments: readonly Segment[]): number | undefined {
  let node: unknown = doc.contents;
  let offset = (node as Node | null)?.range?.[0];
  for (const seg of segments) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const found = findPair(node, String(seg), doc);
      if (!found) break;
      offset = found.keyOffset ?? offset;
      node = found.value;
    } else if (isSeq(node) && typeof seg === 'number' && seg < node.items.length) {
      node = node.items[seg];
      offset = (node as Node | null)?.range?.[0] ?? offset;
    } else break;
  }
  return offset;
}
