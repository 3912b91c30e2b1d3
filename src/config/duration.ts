/** Durations in pipelines: `90s`, `30m`, `2h`, `500ms`, or a bare number of seconds. */

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds for a duration; throws a RangeError for anything else. */
export function parseDuration(v: number | string): number {
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v <= 0) throw new RangeError(`invalid duration: ${v}`);
    return Math.round(v * 1000);
  }
  const m = /^\s*([0-9]+(?:\.[0-9]+)?)\s*(ms|s|m|h)?\s*$/.exec(String(v));
  if (!m) throw new RangeError(`invalid duration: ${JSON.stringify(v)} (use e.g. 90s, 30m, 2h, 500ms)`);
  const ms = Math.round(Number(m[1]) * UNIT_MS[m[2] ?? 's']);
  if (ms <= 0) throw new RangeError(`invalid duration: ${JSON.stringify(v)} (must be more than zero)`);
  return ms;
}
