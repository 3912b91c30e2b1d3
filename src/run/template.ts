/**
 * Prompt and command templates, rendered with handlebars in an isolated environment:
 * no HTML escaping, only the built-in block helpers, no prototype access, no user code.
 */
import Handlebars from 'handlebars';

const env = Handlebars.create();
const KNOWN_HELPERS = { if: true, unless: true, each: true, with: true, lookup: true, log: false } as const;
const cache = new Map<string, HandlebarsTemplateDelegate>();

class TemplateError extends Error {
  constructor(
    message: string,
    readonly template: string,
  ) {
    super(message);
    this.name = 'TemplateError';
  }
}

export function renderTemplate(source: string, context: object): string {
  let compiled = cache.get(source);
  if (!compiled) {
    compiled = env.compile(source, { noEscape: true, knownHelpersOnly: true, knownHelpers: KNOWN_HELPERS, strict: false });
    cache.set(source, compiled);
  }
  try {
    return compiled(context, {
      allowProtoPropertiesByDefault: false,
      allowProtoMethodsByDefault: false,
      helpers: {},
    });
  } catch (e) {
    throw new TemplateError((e as Error).message.split('\n')[0], source);
  }
}
