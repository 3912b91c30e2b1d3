/** Tokenizer and parser of the condition language (see expression.ts for its evaluation). */

export type Literal = string | number | boolean | null;
export type Root = 'inputs' | 'stages' | 'run' | 'loop';
export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=';
export type FunctionName = 'contains' | 'startsWith' | 'endsWith';
/** The run's state so far, GitHub Actions style: only in a stage's `when`. */
export type StatusName = 'success' | 'failure' | 'always';

export type Expr =
  | { kind: 'literal'; value: Literal }
  | { kind: 'path'; root: Root; segments: (string | number)[] }
  | { kind: 'not'; expr: Expr }
  | { kind: 'and' | 'or'; left: Expr; right: Expr }
  | { kind: 'compare'; op: CompareOp; left: Expr; right: Expr }
  | { kind: 'call'; name: FunctionName; args: Expr[] }
  | { kind: 'status'; name: StatusName };

/** A syntax error; `column` is 1-based in the source as written (including any `${{`). */
export class ExpressionError extends Error {
  constructor(
    message: string,
    readonly column: number,
  ) {
    super(message);
    this.name = 'ExpressionError';
  }
}

const ROOTS: readonly string[] = ['inputs', 'stages', 'run', 'loop'];
const FUNCTIONS: readonly string[] = ['contains', 'startsWith', 'endsWith'];
const STATUS_FUNCTIONS: readonly string[] = ['success', 'failure', 'always'];

type TokenKind = 'op' | 'punct' | 'string' | 'number' | 'name' | 'end';
interface Token {
  kind: TokenKind;
  text: string;
  value?: Literal;
  col: number;
}

function tokenize(src: string, offset: number): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const fail = (message: string, at = i): never => {
    throw new ExpressionError(message, offset + at + 1);
  };
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const col = offset + i + 1;
    const two = src.slice(i, i + 2);
    if (['==', '!=', '<=', '>=', '&&', '||'].includes(two)) {
      tokens.push({ kind: 'op', text: two, col });
      i += 2;
    } else if ('<>!'.includes(c)) {
      tokens.push({ kind: 'op', text: c, col });
      i++;
    } else if ('().,[]'.includes(c)) {
      tokens.push({ kind: 'punct', text: c, col });
      i++;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      let text = '';
      while (j < src.length && src[j] !== c) {
        if (src[j] === '\\' && j + 1 < src.length) j++;
        text += src[j++];
      }
      if (j >= src.length) fail('unterminated string');
      tokens.push({ kind: 'string', text: src.slice(i, j + 1), value: text, col });
      i = j + 1;
    } else if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m = /^-?[0-9]+(\.[0-9]+)?/.exec(src.slice(i))!;
      tokens.push({ kind: 'number', text: m[0], value: Number(m[0]), col });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(src.slice(i))!;
      tokens.push({ kind: 'name', text: m[0], col });
      i += m[0].length;
    } else if (c === '=' || c === '&' || c === '|') {
      fail(`unexpected "${c}" (use ${c === '=' ? '==' : c + c})`);
    } else fail(`unexpected character "${c}"`);
  }
  tokens.push({ kind: 'end', text: '', col: offset + src.length + 1 });
  return tokens;
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Expr {
    if (this.peek().kind === 'end') this.fail('empty expression');
    const e = this.or();
    if (this.peek().kind !== 'end') this.fail(`unexpected ${describe(this.peek())}`);
    return e;
  }

  private peek(): Token {
    return this.tokens[this.i];
  }
  private next(): Token {
    return this.tokens[this.i++];
  }
  private is(text: string): boolean {
    const t = this.peek();
    return (t.kind === 'op' || t.kind === 'punct') && t.text === text;
  }
  private expect(text: string): void {
    if (!this.is(text)) this.fail(`expected "${text}" but found ${describe(this.peek())}`);
    this.i++;
  }
  private fail(message: string, token = this.peek()): never {
    throw new ExpressionError(message, token.col);
  }

  private or(): Expr {
    let left = this.and();
    while (this.is('||')) {
      this.i++;
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }
  private and(): Expr {
    let left = this.comparison();
    while (this.is('&&')) {
      this.i++;
      left = { kind: 'and', left, right: this.comparison() };
    }
    return left;
  }
  private comparison(): Expr {
    const left = this.unary();
    const t = this.peek();
    if (t.kind === 'op' && ['==', '!=', '<', '<=', '>', '>='].includes(t.text)) {
      this.i++;
      const right = this.unary();
      const after = this.peek();
      if (after.kind === 'op' && ['==', '!=', '<', '<=', '>', '>='].includes(after.text)) this.fail('comparisons cannot be chained; use && between them');
      return { kind: 'compare', op: t.text as CompareOp, left, right };
    }
    return left;
  }
  private unary(): Expr {
    if (this.is('!')) {
      this.i++;
      return { kind: 'not', expr: this.unary() };
    }
    return this.primary();
  }
  private primary(): Expr {
    const t = this.next();
    if (t.kind === 'string' || t.kind === 'number') return { kind: 'literal', value: t.value! };
    if (t.kind === 'punct' && t.text === '(') {
      const e = this.or();
      this.expect(')');
      return e;
    }
    if (t.kind !== 'name') this.fail(t.kind === 'end' ? 'unexpected end of expression' : `unexpected ${describe(t)}`, t);
    if (t.text === 'true' || t.text === 'false') return { kind: 'literal', value: t.text === 'true' };
    if (t.text === 'null') return { kind: 'literal', value: null };
    if (this.is('(')) return this.call(t);
    if (!ROOTS.includes(t.text)) {
      this.fail(`unknown name "${t.text}": paths start with inputs., stages., run. or loop., and strings are quoted`, t);
    }
    return this.path(t.text as Root);
  }
  private call(name: Token): Expr {
    if (STATUS_FUNCTIONS.includes(name.text)) {
      this.expect('(');
      if (!this.is(')')) this.fail(`${name.text}() takes no arguments`, name);
      this.expect(')');
      return { kind: 'status', name: name.text as StatusName };
    }
    if (!FUNCTIONS.includes(name.text)) this.fail(`unknown function "${name.text}" (functions: ${[...FUNCTIONS, ...STATUS_FUNCTIONS].join(', ')})`, name);
    this.expect('(');
    const args: Expr[] = [];
    if (!this.is(')')) {
      args.push(this.or());
      while (this.is(',')) {
        this.i++;
        args.push(this.or());
      }
    }
    this.expect(')');
    if (args.length !== 2) this.fail(`${name.text}() takes 2 arguments, got ${args.length}`, name);
    return { kind: 'call', name: name.text as FunctionName, args };
  }
  private path(root: Root): Expr {
    const segments: (string | number)[] = [];
    for (;;) {
      if (this.is('.')) {
        this.i++;
        const t = this.next();
        if (t.kind !== 'name') this.fail(`expected a name after "." but found ${describe(t)}`, t);
        segments.push(t.text);
      } else if (this.is('[')) {
        this.i++;
        const t = this.next();
        if (t.kind !== 'string' && t.kind !== 'number') this.fail(`expected a quoted key or an index inside [ ]`, t);
        segments.push(t.value as string | number);
        this.expect(']');
      } else return { kind: 'path', root, segments };
    }
  }
}

function describe(t: Token): string {
  return t.kind === 'end' ? 'end of expression' : `"${t.text}"`;
}

/** Parses a condition, optionally wrapped in `${{ }}`. Throws ExpressionError. */
export function parseExpression(src: string): Expr {
  const m = /^(\s*\$\{\{)([\s\S]*)\}\}\s*$/.exec(src);
  const body = m ? m[2] : src;
  return new Parser(tokenize(body, m ? m[1].length : 0)).parse();
}
