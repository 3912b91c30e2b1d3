/**
 * The report page, rendered with handlebars from `src/report/templates/*.hbs` (found from the
 * package root, so the built odw reads the same files). Every value goes through `{{ }}`, which
 * escapes HTML; the one exception is the `json` helper, whose output is JSON made safe for a
 * `<script>` element (`<`, `>`, `&` and line separators as \u escapes).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { packageRoot } from '../config/shipped.js';
import type { ReportModel } from './model.js';

const TEMPLATES_DIR = join(packageRoot, 'src', 'report', 'templates');

/** JSON that cannot end or open an element inside `<script>`. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value ?? null)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

let compiled: HandlebarsTemplateDelegate<ReportModel> | undefined;

function template(): HandlebarsTemplateDelegate<ReportModel> {
  if (compiled) return compiled;
  const hb = Handlebars.create();
  hb.registerHelper('json', (value: unknown) => new hb.SafeString(scriptJson(value)));
  hb.registerHelper('add', (a: number, b: number) => Math.round((Number(a) + Number(b)) * 10) / 10);
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  const files = readdirSync(TEMPLATES_DIR).filter((f) => f.endsWith('.hbs'));
  for (const f of files) if (f !== 'report.hbs') hb.registerPartial(f.slice(0, -4), readFileSync(join(TEMPLATES_DIR, f), 'utf8'));
  compiled = hb.compile<ReportModel>(readFileSync(join(TEMPLATES_DIR, 'report.hbs'), 'utf8'), { strict: false, preventIndent: true });
  return compiled;
}

export function renderReport(model: ReportModel): string {
  return template()(model);
}
