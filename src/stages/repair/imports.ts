/**
 * The code a test file exercises, read from its imports (JS/TS `import … from`, `require()`,
 * Python `from x import` / `import x`, Rust `use crate::…` / `mod x;`), resolved to repository
 * paths that exist in the candidate. No file-name stems, no English.
 */
import { posix } from 'node:path';

const JS = /(?:\bimport\s+(?:[^'";]*?\s+from\s+)?|\bexport\s+[^'";]*?\s+from\s+|\brequire\s*\(\s*|\bimport\s*\(\s*)['"]([^'"]+)['"]/g;
const PY_FROM = /^\s*from\s+(\.*)([\w.]*)\s+import\s+(\([^)]*\)|[^\n#]+)/gm;
const PY_IMPORT = /^\s*import\s+([\w.]+(?:\s*,\s*[\w.]+)*)/gm;
const RS_USE = /^\s*(?:pub\s+)?use\s+([\w:]+(?:\{[^}]*\})?)/gm;
const RS_MOD = /^\s*(?:pub\s+)?mod\s+(\w+)\s*;/gm;
const JS_EXT = ['', '.ts', '.tsx', '.js', '.mjs', '.cjs', '.jsx', '/index.ts', '/index.js'];

/** One import: the repository paths it may resolve to (best first) and the names it binds. */
export interface Import {
  paths: string[];
  names: string[];
}

const words = (s: string) =>
  [...s.matchAll(/[A-Za-z_$][\w$]*/g)]
    .map((m) => m[0])
    .filter((w) => !['import', 'export', 'from', 'as', 'type', 'const', 'let', 'var', 'await', 'require', 'default'].includes(w));

/** Every import of a test file, in the order the file makes them. */
export function importsOf(testPath: string, text: string): Import[] {
  const dir = posix.dirname(testPath);
  const out: Import[] = [];
  if (/\.(m|c)?[jt]sx?$/.test(testPath)) {
    for (const m of text.matchAll(JS)) {
      const spec = m[1];
      const base = spec.startsWith('.') ? posix.join(dir, spec) : spec;
      if (!spec.startsWith('.') && !/^(src|lib|app)\//.test(spec)) continue;
      const stripped = base.replace(/\.(m|c)?js$/, '');
      out.push({
        paths: [...JS_EXT.map((e) => base + e), ...JS_EXT.slice(1).map((e) => stripped + e)],
        names: words(text.slice(text.lastIndexOf('\n', m.index) + 1, m.index) + m[0].slice(0, -spec.length - 2)),
      });
    }
  } else if (testPath.endsWith('.py')) {
    for (const m of text.matchAll(PY_FROM)) {
      const root = m[1] ? posix.join(dir, ...Array(m[1].length - 1).fill('..')) : '';
      const mod = m[2].split('.').filter(Boolean).join('/');
      const names = m[3]
        .replace(/[()]/g, '')
        .split(',')
        .map((s) => s.trim().split(/\s+/)[0])
        .filter((s) => s && s !== '*');
      const at = posix.join(root || '.', mod);
      out.push({ paths: [...pyModule(at, !m[1]), ...names.flatMap((n) => pyModule(posix.join(at, n), !m[1]))], names });
    }
    for (const m of text.matchAll(PY_IMPORT))
      for (const mod of m[1].split(',')) out.push({ paths: pyModule(mod.trim().split('.').join('/'), true), names: [mod.trim().split('.').pop() ?? ''] });
  } else if (testPath.endsWith('.rs')) {
    for (const use of [...text.matchAll(RS_USE)].flatMap((m) => rustPaths(m[1]))) {
      const parts = use.split('::').filter(Boolean);
      if (['std', 'core', 'alloc', 'self', 'super'].includes(parts[0])) continue;
      // `crate::a::b` inside the crate, `mycrate::a::b` from tests/: both live under src/
      const path = parts.slice(1);
      const found: string[] = [];
      for (let n = path.length; n >= 1; n--) found.push(`src/${path.slice(0, n).join('/')}.rs`, `src/${path.slice(0, n).join('/')}/mod.rs`);
      out.push({ paths: [...found, 'src/lib.rs'], names: parts.slice(-1) });
    }
    for (const m of text.matchAll(RS_MOD)) out.push({ paths: [posix.join(dir, `${m[1]}.rs`), posix.join(dir, m[1], 'mod.rs')], names: [m[1]] });
  }
  return out.map((i) => ({ ...i, paths: [...new Set(i.paths.map((p) => posix.normalize(p).replace(/^\.\//, '')))].filter((p) => !p.startsWith('..')) }));
}

function pyModule(path: string, absolute: boolean): string[] {
  const clean = posix.normalize(path).replace(/^\.\//, '');
  const local = [`${clean}.py`, `${clean}/__init__.py`];
  return absolute ? [...local, ...local.map((p) => `src/${p}`)] : local;
}

/** `a::{b::c, d}` → `a::b::c`, `a::d` (one level of braces). */
function rustPaths(use: string): string[] {
  const brace = use.indexOf('{');
  if (brace < 0) return [use];
  const head = use.slice(0, brace);
  return use
    .slice(brace + 1, use.lastIndexOf('}'))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => head + s);
}
