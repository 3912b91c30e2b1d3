/** Questions from agents, the answers odw gives, and the follow-up prompts it sends. */

export const DEFAULT_ANSWER_POLICY = 'Proceed with reasonable defaults and finish the task: make all required file edits. Do not ask further questions.';

export const DEFAULT_MAX_QUESTIONS = 3;
export const DEFAULT_SCHEMA_ATTEMPTS = 2;

/**
 * A final message that is only a question: it ends with a question mark, is short, holds no
 * code, and came from a turn that changed no files. Agents that cannot reach their question tool
 * (codex and claude both disable it when run unattended) ask this way instead.
 */
export function looksLikeQuestion(message: string, fileChanges: number): boolean {
  const text = message.trim();
  if (!text || fileChanges > 0) return false;
  if (text.length > 1200 || text.includes('```')) return false;
  return /\?["')\]*_]*$/.test(text);
}

/** The prompt of an answer invocation for an agent without sessions: the prompt plus the answer. */
export function promptWithAnswer(prompt: string, question: string, answer: string): string {
  return `${prompt}\n\n## Your question\n\n${question}\n\n## Answer\n\n${answer}\n`;
}

/** What a resumed session is told when its answer did not match the schema. */
export function schemaRetryMessage(errors: string[], schema: object): string {
  const list = errors
    .slice(0, 10)
    .map((e) => `- ${e}`)
    .join('\n');
  return [
    'Your previous answer did not match the required JSON Schema.',
    '',
    'Validation errors:',
    list,
    '',
    'Reply again with only one JSON object that matches this schema (no prose around it):',
    '',
    '```json',
    JSON.stringify(schema, null, 2),
    '```',
    '',
  ].join('\n');
}

/** A fresh attempt: the original prompt with the validation errors of the previous answer. */
export function promptWithSchemaErrors(prompt: string, errors: string[], schema: object): string {
  return `${prompt}\n\n## Previous attempt\n\n${schemaRetryMessage(errors, schema)}`;
}

/** Appended to a model agent's first prompt when a structured answer is expected. */
export function schemaInstructions(schema: object): string {
  return [
    '',
    '',
    '## Answer format',
    '',
    'End with your answer as one JSON object that matches this JSON Schema:',
    '',
    '```json',
    JSON.stringify(schema, null, 2),
    '```',
    '',
  ].join('\n');
}
