/** An input's default has the input's declared type. */
import type { ConfigError } from '../errors.js';
import { isObject } from '../path.js';
import type { Rule } from './context.js';

const JS_TYPE: Record<string, string> = { string: 'string', file: 'string', number: 'number', boolean: 'boolean' };

export const inputDefaults: Rule = ({ spec, loc }) => {
  const errors: ConfigError[] = [];
  if (!isObject(spec.inputs)) return errors;
  for (const [name, input] of Object.entries(spec.inputs)) {
    if (!isObject(input) || input.default === undefined || typeof input.type !== 'string') continue;
    const want = JS_TYPE[input.type];
    const value = input.default;
    if (!want || typeof value === want || !['string', 'number', 'boolean'].includes(typeof value)) continue;
    const what = input.type === 'file' ? 'a path (a string)' : want === 'number' ? 'a number' : want === 'boolean' ? 'true or false' : 'a string';
    let hint: string | undefined;
    if (want === 'string') hint = `quote it: "${String(value)}"`;
    else if (want === 'number' && typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) hint = 'write the number without quotes';
    else if (want === 'boolean' && (value === 'true' || value === 'false')) hint = 'write true or false without quotes';
    errors.push(loc.error(['inputs', name, 'default'], `must be ${what}, as the input's type is ${input.type}`, hint));
  }
  return errors;
};
