/** Paths inside a pipeline: segments (`['stages', 2, 'with', 'run']`) and their readable form. */

export type Segment = string | number;

/** `stages[2].with.run`; keys that are not plain names are quoted: `inputs["a b"]`. */
export function formatPath(segments: readonly Segment[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(s)) out += out ? `.${s}` : s;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

/** Decodes an ajv instancePath (JSON pointer) against the value it points into. */
export function pointerSegments(pointer: string, root: unknown): Segment[] {
  if (!pointer) return [];
  const out: Segment[] = [];
  let value: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const seg: Segment = Array.isArray(value) && /^\d+$/.test(key) ? Number(key) : key;
    out.push(seg);
    value = isObject(value) || Array.isArray(value) ? (value as Record<string, unknown>)[seg] : undefined;
  }
  return out;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
