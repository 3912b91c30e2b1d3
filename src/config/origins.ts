/**
 * Where every value of a merged pipeline came from. Merged objects and arrays are registered with
 * their own origin (`self`) and, per key, the origin of each value they took from a file; values
 * taken whole from one file are not registered: their origin is derived from their parent's.
 */
import type { ConfigError } from './errors.js';
import { formatPath, type Segment } from './path.js';
import type { ParsedYaml } from './yaml.js';

export interface Origin {
  file: string;
  pointer: Segment[];
}

/** A value together with where it was written. */
export interface Located {
  v: unknown;
  o: Origin;
}

interface NodeOrigin {
  self: Origin;
  keys: Map<Segment, Origin>;
}

function container(v: unknown): v is Record<string | number, unknown> {
  return typeof v === 'object' && v !== null;
}

export class Origins {
  private readonly nodes = new WeakMap<object, NodeOrigin>();

  register<T extends object>(value: T, self: Origin, keys: Map<Segment, Origin> = new Map()): T {
    this.nodes.set(value, { self, keys });
    return value;
  }

  /** The located value at `key` of a located container. */
  at(parent: Located, key: Segment): Located {
    const v = container(parent.v) ? parent.v[key] : undefined;
    const own = container(v) ? this.nodes.get(v)?.self : undefined;
    const keyed = container(parent.v) ? this.nodes.get(parent.v)?.keys.get(key) : undefined;
    return { v, o: own ?? keyed ?? { file: parent.o.file, pointer: [...parent.o.pointer, key] } };
  }

  /** Origin of the text at `segments` below `root` (a registered value). */
  locate(root: object, segments: readonly Segment[]): Origin {
    let cur: Located = { v: root, o: this.nodes.get(root)?.self ?? { file: '', pointer: [] } };
    for (const s of segments) cur = this.at(cur, s);
    return cur.o;
  }
}

/** Builds located ConfigErrors for paths of a merged pipeline. */
export class Locator {
  constructor(
    readonly root: object,
    readonly origins: Origins,
    readonly files: ReadonlyMap<string, ParsedYaml>,
  ) {}

  /** The file that wrote the value at `segments`. */
  fileOf(segments: readonly Segment[]): string {
    return this.origins.locate(this.root, segments).file;
  }

  error(segments: readonly Segment[], message: string, hint?: string): ConfigError {
    const o = this.origins.locate(this.root, segments);
    const pos = this.files.get(o.file)?.pos(o.pointer) ?? { line: 1, col: 1 };
    const e: ConfigError = { file: o.file, line: pos.line, col: pos.col, path: formatPath(segments), message };
    if (hint) e.hint = hint;
    return e;
  }
}
