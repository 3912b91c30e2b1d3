/**
 * Which values are secrets, and how they are kept out of everything odw stores. A value is a
 * secret when its variable's name looks like a credential (see isSecretName), or when a runtime
 * profile names the variable in `secrets:`; values shorter than 4 characters, and switch values
 * (true, false, none …), never are. The rule applies to the inherited environment and to every
 * profile's `env`. Nothing else is redacted: ordinary values, paths and names show as they are.
 * The rule is documented in docs/runtimes.md.
 */

export type Redactor = (text: string) => string;

/** A secret: the variable's name (which may be shown) and its value (which never is). */
export interface Secret {
  name: string;
  value: string;
}

/** The part of a runtime profile the rule reads. */
export interface SecretSource {
  env?: Record<string, string>;
  secrets?: string[];
}

const MIN_SECRET_LENGTH = 4;
const MASK = '***';

/** Word parts that mark a credential wherever they appear in a part (DB_PASSWORD, GITHUB_TOKEN, MYSECRET). */
const CONTAINED = /SECRET|TOKEN|PASSWORD|PASSWD|PASSPHRASE|CREDENTIAL|PRIVATE|SESSION|COOKIE/;
/** KEY ends a part (API_KEY, APIKEY, SSH_KEYS); AUTH ends a part or is AUTHN/AUTHZ/AUTHORIZATION (not AUTHOR). */
const WHOLE = /(KEYS?|AUTH|^AUTH[NZ]|^AUTHORIZATION)$/;
/** Variables whose names match but whose values are sockets, buses or session descriptions, not secrets. */
const NOT_SECRET = new Set(['SSH_AUTH_SOCK', 'DBUS_SESSION_BUS_ADDRESS', 'GPG_AGENT_INFO']);
const NOT_SECRET_PREFIXES = ['XDG_'];
/** Switch values (`SESSION_PERSIST=false`) are settings, not credentials; hiding them would hide every `false`. */
const SWITCH_VALUES = /^(true|false|yes|no|on|off|null|none|undefined)$/i;

/** True when a variable's name looks like a credential (case-insensitive, by word parts). */
export function isSecretName(name: string): boolean {
  const upper = name.toUpperCase();
  if (NOT_SECRET.has(upper) || NOT_SECRET_PREFIXES.some((p) => upper.startsWith(p))) return false;
  return upper.split(/[^A-Z0-9]+/).some((part) => part && (CONTAINED.test(part) || WHOLE.test(part)));
}

/**
 * The secrets of one environment: variables with credential-like names, and those a profile's
 * `secrets:` list names, from the inherited environment and from each profile's `env`.
 */
export function findSecretVars(env: NodeJS.ProcessEnv, profiles: Iterable<SecretSource | undefined> = []): Secret[] {
  const found = new Map<string, Secret>();
  const consider = (name: string, value: string | undefined, marked: Set<string>) => {
    if (value === undefined || value.length < MIN_SECRET_LENGTH || SWITCH_VALUES.test(value)) return;
    if (!marked.has(name) && !isSecretName(name)) return;
    if (!found.has(value)) found.set(value, { name, value });
  };
  const list = [...profiles].filter((p): p is SecretSource => Boolean(p));
  const markedAnywhere = new Set(list.flatMap((p) => p.secrets ?? []));
  for (const [name, value] of Object.entries(env)) consider(name, value, markedAnywhere);
  for (const p of list) {
    const marked = new Set(p.secrets ?? []);
    for (const [name, value] of Object.entries(p.env ?? {})) consider(name, value, marked);
  }
  return [...found.values()];
}

/** The secrets of a whole run: the environment and every runtime profile of the pipeline, built once. */
export function runSecrets(env: NodeJS.ProcessEnv, runtimes: Record<string, unknown> | undefined): Secret[] {
  return findSecretVars(env, Object.values(runtimes ?? {}) as SecretSource[]);
}

/** Replaces every secret value with `***`; secret names, and everything else, are kept. */
export function createRedactor(secrets: Iterable<string | Secret>): Redactor {
  const values = [...secrets].map((s) => (typeof s === 'string' ? s : s.value));
  // Longest first, so a secret that contains another is hidden whole.
  const list = [...new Set(values)].filter((s) => s.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
  if (list.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const secret of list) if (out.includes(secret)) out = out.split(secret).join(MASK);
    return out;
  };
}

/** The same value with every string in it (keys included) redacted, for JSON records. */
export function redactDeep<T>(value: T, redact: Redactor): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, redact)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[redact(k)] = redactDeep(v, redact);
    return out as T;
  }
  return value;
}
