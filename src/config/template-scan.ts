/**
 * Reads a handlebars template without rendering it: its syntax errors, the inputs and stages it
 * names, and helpers that odw templates do not have (only if, unless, each, with and lookup exist).
 */
import Handlebars from 'handlebars';

export interface TemplateFinding {
  /** 1-based, inside the template text. */
  line: number;
  col: number;
  message: string;
  hint?: string;
}

export interface TemplateRef {
  root: 'inputs' | 'stages' | 'files';
  name: string;
  line: number;
  col: number;
}

export interface TemplateScan {
  syntax?: TemplateFinding;
  refs: TemplateRef[];
  /** The first name of every path read from the top of the context (`inputs` of `{{inputs.x}}`). */
  roots: { name: string; line: number; col: number }[];
  problems: TemplateFinding[];
}

const HELPERS = ['if', 'unless', 'each', 'with', 'lookup'];
/** Helpers that take exactly one argument. */
const ONE_ARGUMENT = ['if', 'unless', 'each', 'with'];
const CONTEXT_CHANGING = ['each', 'with'];
const REF_ROOTS = ['inputs', 'stages', 'files'];

type Node = Record<string, unknown> & { type?: string; loc?: { start: { line: number; column: number } } };

interface ParseFailure {
  hash?: { token?: string; text?: string; loc?: { first_line: number; first_column: number } };
  lineNumber?: number;
  column?: number;
  message: string;
}

function parse(src: string): Node | TemplateFinding {
  const parser = (Handlebars as unknown as { Parser: { parseError: (s: string, h: unknown) => never } }).Parser;
  const original = parser.parseError;
  // Keep the jison details (token and location), which handlebars drops from its message.
  parser.parseError = (message: string, hash: unknown) => {
    throw Object.assign(new Error(message), { hash });
  };
  try {
    return Handlebars.parse(src) as unknown as Node;
  } catch (e) {
    const f = e as ParseFailure;
    if (f.hash) {
      const token = f.hash.token;
      const what =
        token === 'EOF' ? 'end of template (is a block or {{ left open?)' : token === 'INVALID' ? `text "${f.hash.text}" inside {{ }}` : `"${f.hash.text}"`;
      const line = f.hash.loc?.first_line ?? 1;
      return { line, col: (f.hash.loc?.first_column ?? 0) + 1, message: `template syntax error: unexpected ${what}` };
    }
    let message = f.message.split('\n')[0].replace(/ - \d+:\d+$/, '');
    const mismatch = /^(\S+) doesn't match (\S+)$/.exec(message);
    if (mismatch) message = `"{{/${mismatch[2]}}}" does not close "{{#${mismatch[1]}}}"`;
    return { line: f.lineNumber ?? 1, col: (f.column ?? 0) + 1, message: `template syntax error: ${message}` };
  } finally {
    parser.parseError = original;
  }
}

export function scanTemplate(src: string): TemplateScan {
  const ast = parse(src);
  if (!('type' in ast)) return { syntax: ast as TemplateFinding, refs: [], roots: [], problems: [] };
  const refs: TemplateRef[] = [];
  const roots: TemplateScan['roots'] = [];
  const problems: TemplateFinding[] = [];
  const at = (n: Node) => ({ line: n.loc?.start.line ?? 1, col: (n.loc?.start.column ?? 0) + 1 });

  const path = (p: Node, depth: number): void => {
    let parts = p.parts as string[];
    if (p.data) {
      if (parts[0] !== 'root') return;
      parts = parts.slice(1);
    } else if (p.depth !== depth) return;
    if (parts.length >= 1) roots.push({ name: parts[0], ...at(p) });
    if (parts.length >= 2 && REF_ROOTS.includes(parts[0])) refs.push({ root: parts[0] as TemplateRef['root'], name: parts[1], ...at(p) });
  };
  const expr = (n: unknown, depth: number): void => {
    const node = n as Node | undefined;
    if (!node || typeof node !== 'object') return;
    if (node.type === 'PathExpression') path(node, depth);
    else if (node.type === 'SubExpression') call(node, depth);
  };
  const call = (n: Node, depth: number): void => {
    const p = n.path as Node;
    const params = (n.params as unknown[]) ?? [];
    const pairs = ((n.hash as Node | undefined)?.pairs as Node[] | undefined) ?? [];
    const name = String(p.original);
    const isCall = params.length > 0 || pairs.length > 0 || n.type === 'SubExpression';
    if (p.type === 'PathExpression' && isCall && !HELPERS.includes(name)) {
      problems.push({ ...at(n), message: `unknown helper "${name}"`, hint: `templates have only ${HELPERS.join(', ')}` });
    } else if (ONE_ARGUMENT.includes(name) && params.length !== 1 && (isCall || n.type === 'BlockStatement')) {
      problems.push({ ...at(n), message: `"${name}" takes exactly one argument` });
    } else if (!isCall) expr(p, depth);
    params.forEach((x) => expr(x, depth));
    pairs.forEach((pair) => expr(pair.value, depth));
  };
  const program = (n: unknown, depth: number): void => {
    for (const s of ((n as Node | null)?.body as Node[] | undefined) ?? []) statement(s, depth);
  };
  const statement = (s: Node, depth: number): void => {
    switch (s.type) {
      case 'MustacheStatement':
        call(s, depth);
        break;
      case 'BlockStatement': {
        call(s, depth);
        const inner = CONTEXT_CHANGING.includes(String((s.path as Node).original)) ? depth + 1 : depth;
        program(s.program, inner);
        program(s.inverse, depth);
        break;
      }
      case 'PartialStatement':
      case 'PartialBlockStatement':
        problems.push({ ...at(s), message: 'templates cannot use partials ({{> …}})' });
        break;
      case 'Decorator':
      case 'DecoratorBlock':
        problems.push({ ...at(s), message: 'templates cannot use decorators ({{* …}})' });
        break;
    }
  };
  program(ast, 0);
  return { refs, roots, problems };
}
