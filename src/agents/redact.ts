/**
 * Secrets never reach what odw stores. Values of the environment and of a profile's `env` that
 * are at least 6 characters long are replaced by `***` in call records, prompts, output logs and
 * error messages. Variable names are kept.
 */
import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';

export type Redactor = (text: string) => string;

const MIN_SECRET_LENGTH = 6;
export const MASK = '***';

/** Inherited variables whose values are known not to be secrets (kept so paths stay readable). */
const PUBLIC_NAMES = new Set([
  'PATH', 'HOME', 'PWD', 'OLDPWD', 'SHELL', 'USER', 'LOGNAME', 'USERNAME', 'LANG', 'LANGUAGE', 'TERM',
  'TERM_PROGRAM', 'TERM_PROGRAM_VERSION', 'COLORTERM', 'TMPDIR', 'TMP', 'TEMP', 'HOSTNAME', 'SHLVL', '_',
  'EDITOR', 'VISUAL', 'PAGER', 'TZ', 'COLUMNS', 'LINES', 'MAIL', 'DISPLAY', 'INIT_CWD', 'CODEX_HOME',
  'CLAUDE_CONFIG_DIR', 'NODE_ENV', 'CI',
]);
const PUBLIC_PREFIXES = ['LC_', 'XDG_', 'ODW_', 'npm_config_', 'npm_package_', 'npm_lifecycle_'];

function isPublicName(name: string): boolean {
  return PUBLIC_NAMES.has(name) || PUBLIC_PREFIXES.some((p) => name.startsWith(p));
}

/** A path (or `:`-list of paths) that exists on this machine is not a secret. */
function isExistingPath(value: string): boolean {
  const parts = value.split(':').filter(Boolean);
  return parts.length > 0 && parts.every((p) => isAbsolute(p) && existsSync(p));
}

/**
 * The values to hide: every inherited value except those of well-known public variables, and
 * every value of a profile's `env`; in both, values shorter than 6 characters and paths that
 * exist on this machine are left alone.
 */
export function secretValues(env: NodeJS.ProcessEnv, profileEnv: Record<string, string> = {}): string[] {
  const values = new Set<string>();
  const consider = (value: string | undefined) => {
    if (value && value.length >= MIN_SECRET_LENGTH && !isExistingPath(value)) values.add(value);
  };
  for (const [name, value] of Object.entries(env)) if (!isPublicName(name)) consider(value);
  for (const value of Object.values(profileEnv)) consider(value);
  return [...values];
}

export function createRedactor(secrets: Iterable<string>): Redactor {
  // Longest first, so a secret that contains another is hidden whole.
  const list = [...new Set(secrets)].filter((s) => s.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
  if (list.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const secret of list) if (out.includes(secret)) out = out.split(secret).join(MASK);
    return out;
  };
}

/** The same value with every string in it redacted (for JSON records). */
export function redactDeep<T>(value: T, redact: Redactor): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, redact)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v, redact);
    return out as T;
  }
  return value;
}
