// @ts-check
/**
 * The held-out projects for cargo and tsc:
 *   a paragraph formatter in Rust — wrap (src/wrap.rs), indent (src/indent.rs) and para
 *   (src/para.rs, which calls both and holds the tests);
 *   a typed config in TypeScript — schema (src/schema.ts, the Config type and defaults), env
 *   (src/env.ts, overrides from the environment) and loader (src/loader.ts).
 */

const wrap = (bug) => `pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word = word;
        while word.len() > width {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            lines.push(word[..width].to_string());
            word = &word[width..];
        }
        if !line.is_empty() && line.len() + 1 + word.len() ${bug === 'edge' ? '>=' : '>'} width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}
`;
const WRAP_BASE = `pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.len() + 1 + word.len() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}
`;
const INDENT_BASE = `pub fn indent(lines: &[String], prefix: &str) -> Vec<String> {
    lines.iter().map(|l| format!("{prefix}{l}")).collect()
}
`;
const indent = (bug) =>
  bug === 'spaces'
    ? `pub fn indent(lines: &[String], spaces: usize) -> Vec<String> {
    let prefix = " ".repeat(spaces);
    lines.iter().map(|l| if l.is_empty() { String::new() } else { format!("{prefix}{l}") }).collect()
}
`
    : `pub fn indent(lines: &[String], prefix: &str) -> Vec<String> {
    lines.iter().map(|l| if l.is_empty() { String::new() } else { format!("{prefix}{l}") }).collect()
}
`;
const PARA_BASE = `use crate::indent::indent;
use crate::wrap::wrap;

pub fn para(text: &str, width: usize, prefix: &str) -> String {
    indent(&wrap(text, width), prefix).join("\\n")
}
`;
const para = (bug) => `use crate::indent::indent;
use crate::wrap::wrap;

pub fn para(text: &str, width: usize, prefix: &str) -> String {
    indent(&wrap(text, ${bug === 'width' ? 'width' : 'width - prefix.len()'}), prefix).join("\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn para_counts_the_prefix() {
        assert_eq!(para("ab cd ef", 8, "> "), "> ab cd\\n> ef");
    }

    #[test]
    fn para_fills_a_line_exactly() {
        assert_eq!(para("abcd efgh ij", 11, "> "), "> abcd efgh\\n> ij");
    }

    #[test]
    fn para_breaks_a_long_word() {
        assert_eq!(para("abcdefgh", 5, "> "), "> abc\\n> def\\n> gh");
    }
}
`;

/** @param {{ bugs?: { wrap?: string, indent?: string, para?: string } }} [opts] */
export function rustPara({ bugs = {} } = {}) {
  return {
    base: {
      'Cargo.toml': '[package]\nname = "para"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\n',
      'src/lib.rs': 'pub mod indent;\npub mod para;\npub mod wrap;\n',
      'src/wrap.rs': WRAP_BASE,
      'src/indent.rs': INDENT_BASE,
      'src/para.rs': PARA_BASE,
    },
    tasks: [
      {
        id: 'wrap',
        files: ['src/wrap.rs'],
        prompt: 'wrap() breaks words longer than the width into pieces of the width.',
        change: { 'src/wrap.rs': wrap(bugs.wrap) },
      },
      {
        id: 'indent',
        files: ['src/indent.rs'],
        prompt: 'indent() leaves empty lines empty (no trailing prefix).',
        change: { 'src/indent.rs': indent(bugs.indent) },
      },
      {
        id: 'para',
        files: ['src/para.rs'],
        prompt: 'para() keeps each line, prefix included, within the width; add tests.',
        change: { 'src/para.rs': para(bugs.para) },
      },
    ],
    check: { command: 'cargo test --offline -q' },
  };
}

const SCHEMA_BASE = `export interface Config {
  host: string;
  port: number;
}

export const DEFAULTS: Config = { host: 'localhost', port: 80 };
`;
const schema = (bug) => `export interface Tls {
  cert: string;
  key: string;
}

export interface Config {
  host: string;
  port: ${bug === 'port' ? 'string' : 'number'};
  tls?: Tls;
}

export const DEFAULTS: Config = { host: 'localhost', port: ${bug === 'port' ? "'80'" : '80'} };
`;
const ENV_BASE = `import type { Config } from './schema.js';

export type Env = Record<string, string | undefined>;

export function fromEnv(env: Env): Partial<Config> {
  const out: Partial<Config> = {};
  if (env.APP_HOST) out.host = env.APP_HOST;
  if (env.APP_PORT) out.port = Number(env.APP_PORT);
  return out;
}
`;
const ENV_TLS = ENV_BASE.replace(
  '  return out;',
  '  if (env.APP_TLS_CERT && env.APP_TLS_KEY) out.tls = { cert: env.APP_TLS_CERT, key: env.APP_TLS_KEY };\n  return out;',
);
const LOADER_BASE = `import { fromEnv, type Env } from './env.js';
import { DEFAULTS, type Config } from './schema.js';

export function load(env: Env): Config {
  return { ...DEFAULTS, ...fromEnv(env) };
}
`;
const loader = (bug) => `import { fromEnv, type Env } from './env.js';
import { DEFAULTS, type Config } from './schema.js';

export function load(env: Env, flags: Partial<Config> = {}): Config {
  return { ...DEFAULTS, ...fromEnv(env${bug === 'args' ? ", 'APP_'" : ''}), ...flags };
}
`;

/** @param {{ bugs?: { schema?: string, loader?: string } }} [opts] */
export function tsConfig({ bugs = {} } = {}) {
  const tsconfig = { compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext' }, include: ['src'] };
  return {
    base: {
      'package.json': '{ "name": "settings", "private": true, "type": "module" }\n',
      'tsconfig.json': `${JSON.stringify(tsconfig, null, 2)}\n`,
      'src/schema.ts': SCHEMA_BASE,
      'src/env.ts': ENV_BASE,
      'src/loader.ts': LOADER_BASE,
    },
    tasks: [
      {
        id: 'schema',
        files: ['src/schema.ts'],
        prompt: 'Add an optional tls section ({ cert, key }) to Config.',
        change: { 'src/schema.ts': schema(bugs.schema) },
      },
      { id: 'env', files: ['src/env.ts'], prompt: 'fromEnv reads APP_TLS_CERT and APP_TLS_KEY into tls when both are set.', change: { 'src/env.ts': ENV_TLS } },
      {
        id: 'loader',
        files: ['src/loader.ts'],
        prompt: 'load() takes command-line flags as a second argument; they win over the environment.',
        change: { 'src/loader.ts': loader(bugs.loader) },
      },
    ],
    check: { command: 'npx tsc -p .', node: true },
  };
}
