/** Handlebars templates (exec run/env/cwd, plan request/tasks, checks, apply commit, prompts) parse and name only declared inputs and existing stages. */
import { dirname, resolve } from 'node:path';
import type { ConfigError } from '../errors.js';
import { isObject, type Segment } from '../path.js';
import { didYouMean } from '../suggest.js';
import { isTemplateFile } from '../templates.js';
import { scanTemplate, type TemplateFinding, type TemplateRef } from '../template-scan.js';
import { allStages, inputNames, type Rule, type RuleContext, type StageEntry } from './context.js';
import { readable, type Readable } from './reads.js';

/** The names of the context of every template; a prompt's context has its kind's own names too. */
const CONTEXT = ['inputs', 'files', 'run', 'stage', 'stages', 'loop'];

/** Settings rendered as templates, by stage kind (every kind's `with.prompt` is one too). */
const TEMPLATE_KEYS: Record<string, string[]> = {
  exec: ['run', 'env', 'cwd'],
  plan: ['request', 'tasks'],
  review: ['check', 'base'],
  verify: ['check'],
  apply: ['commit'],
};

interface Source {
  text: string;
  segments: Segment[];
  /** Set when the template is a file: findings are located in it. */
  file?: string;
  /** The stage it belongs to. */
  entry: StageEntry;
}

function sources(ctx: RuleContext): Source[] {
  const out: Source[] = [];
  for (const entry of allStages(ctx.spec)) {
    const { stage, segments } = entry;
    if (!isObject(stage.with)) continue;
    const w = stage.with;
    const at = (...rest: Segment[]): Segment[] => [...segments, 'with', ...rest];
    const add = (text: unknown, ...rest: Segment[]): void => {
      if (typeof text === 'string') out.push({ text, segments: at(...rest), entry });
    };
    for (const key of TEMPLATE_KEYS[String(stage.uses)] ?? []) {
      const v = w[key];
      if (Array.isArray(v)) v.forEach((item, i) => add(item, key, i));
      else if (isObject(v)) for (const [k, item] of Object.entries(v)) add(item, key, k);
      else add(v, key);
    }
    if (isTemplateFile(w.prompt)) {
      const file = resolve(dirname(ctx.loc.fileOf(at('prompt'))), w.prompt.trim());
      const text = ctx.templates.get(file);
      if (text !== undefined) out.push({ text, segments: at('prompt'), file, entry });
    } else add(w.prompt, 'prompt');
  }
  return out;
}

export const templates: Rule = (ctx) => {
  const inputs = inputNames(ctx.spec);
  const stages = allStages(ctx.spec);
  const ids = stages.flatMap((s) => (s.id === undefined ? [] : [s.id]));
  const canRead = readable(ctx.spec, stages);
  const errors: ConfigError[] = [];
  for (const src of sources(ctx)) {
    const report = (f: TemplateFinding): void => {
      if (!src.file) {
        const where = src.text.includes('\n') ? `line ${f.line}, column ${f.col}` : `column ${f.col}`;
        const message = f.message.startsWith('template syntax error') ? `${f.message} at ${where}` : `${f.message} (template ${where})`;
        errors.push(ctx.loc.error(src.segments, message, f.hint));
        return;
      }
      const e = ctx.loc.error(src.segments, f.message, f.hint);
      errors.push({ ...e, file: src.file, line: f.line, col: f.col });
    };
    const scan = scanTemplate(src.text);
    if (scan.syntax) report(scan.syntax);
    scan.problems.forEach(report);
    // Outside prompts the context is the common one: another name would render as nothing.
    const prompt = src.segments[src.segments.length - 1] === 'prompt';
    const loop = scan.roots.find((x) => x.name === 'loop');
    if (loop && src.entry.groups.length === 0) {
      report({ line: loop.line, col: loop.col, message: '"loop" is set only inside a loop group', hint: 'outside a loop, loop.round and loop.max are empty' });
    }
    for (const r of prompt ? [] : scan.roots.filter((x) => !CONTEXT.includes(x.name))) {
      report({
        line: r.line,
        col: r.col,
        message: `unknown name "${r.name}"`,
        hint: didYouMean(r.name, CONTEXT) ?? `a template here reads ${CONTEXT.join(', ')}`,
      });
    }
    const unread = new Set<string>();
    for (const ref of scan.refs) {
      const finding = checkRef(ref, inputs, ids, ctx.spec.inputs) ?? checkRead(ref, src.entry, canRead, unread);
      if (finding) report(finding);
    }
  }
  return errors;
};

/** A read of a stage that is not upstream, reported once per template and stage. */
function checkRead(ref: TemplateRef, entry: StageEntry, canRead: Readable, reported: Set<string>): TemplateFinding | undefined {
  if (ref.root !== 'stages' || reported.has(ref.name) || canRead(entry, ref.name)) return undefined;
  reported.add(ref.name);
  return { line: ref.line, col: ref.col, ...canRead.problem(entry, ref.name) };
}

function checkRef(ref: TemplateRef, inputs: string[], ids: string[], declared: unknown): TemplateFinding | undefined {
  const at = { line: ref.line, col: ref.col };
  if (ref.root === 'stages') {
    return ids.includes(ref.name) ? undefined : { ...at, message: `unknown stage "${ref.name}"`, hint: didYouMean(ref.name, ids) };
  }
  if (!inputs.includes(ref.name)) {
    return { ...at, message: `unknown input "${ref.name}"`, hint: didYouMean(ref.name, inputs) ?? 'declare it under "inputs:"' };
  }
  const input = isObject(declared) ? declared[ref.name] : undefined;
  if (ref.root === 'files' && isObject(input) && input.type !== 'file') {
    return { ...at, message: `input "${ref.name}" is not a file input`, hint: `use inputs.${ref.name}, or declare it with type: file` };
  }
  return undefined;
}
