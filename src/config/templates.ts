/** Prompt template files: `with.prompt` ending in `.hbs` is a path relative to the file that names it. */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { ConfigError } from './errors.js';
import type { Locator } from './origins.js';
import { isObject, type Segment } from './path.js';
import { allStages } from './rules/context.js';

export function isTemplateFile(v: unknown): v is string {
  return typeof v === 'string' && !v.includes('\n') && v.trim().endsWith('.hbs');
}

export interface PromptRef {
  /** Path of `with.prompt` inside the merged pipeline. */
  segments: Segment[];
  /** Absolute path of the template file. */
  file: string;
  /** The path as written. */
  written: string;
}

/** Every `with.prompt` that names a file, resolved against the file that wrote it. */
export function promptFiles(spec: Record<string, unknown>, loc: Locator): PromptRef[] {
  return allStages(spec).flatMap(({ stage, segments }) => {
    const prompt = isObject(stage.with) ? stage.with.prompt : undefined;
    if (!isTemplateFile(prompt)) return [];
    const at = [...segments, 'with', 'prompt'];
    return [{ segments: at, file: resolve(dirname(loc.fileOf(at)), prompt.trim()), written: prompt.trim() }];
  });
}

/** Reads the prompt files; a missing one is a located error. */
export async function readTemplates(refs: PromptRef[], loc: Locator): Promise<{ templates: Map<string, string>; errors: ConfigError[] }> {
  const templates = new Map<string, string>();
  const errors: ConfigError[] = [];
  for (const ref of refs) {
    if (templates.has(ref.file)) continue;
    try {
      templates.set(ref.file, await readFile(ref.file, 'utf8'));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const message = code === 'ENOENT' ? `template file not found: ${ref.written}` : `cannot read the template file ${ref.written}: ${(e as Error).message}`;
      errors.push(loc.error(ref.segments, message, code === 'ENOENT' ? 'the path is relative to the file that names it' : undefined));
    }
  }
  return { templates, errors };
}
