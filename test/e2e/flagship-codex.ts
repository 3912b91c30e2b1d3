/**
 * The flagship pipeline's scripted conversation with Codex, shared by the tests that run the
 * shipped pipeline on the real codex CLI (test/e2e/flagship-codex.test.ts, sandbox.test.ts).
 */
import { approval, FAREWELL, finalSentence, plan, roleOf } from './flagship.js';
import { applyPatch, message, toolOutputs, userText, type CodexReply } from './mock/codex.js';
import type { RecordedRequest } from './mock/server.js';

/** The edit each implementer makes with apply_patch: an update of an existing file and a new file. */
const edits: Record<string, string> = {
  greet: ['*** Update File: src/greet.js', '@@', ' // greeting helpers', '+export function greet(name) {', '+  return `hello, ${name}`;', '+}'].join('\n'),
  farewell: [
    '*** Add File: src/farewell.js',
    ...FAREWELL.replace(/\n$/, '')
      .split('\n')
      .map((l) => `+${l}`),
  ].join('\n'),
};

export const who = (req: RecordedRequest) => roleOf(userText(req.body));

/** The scripted conversation: the plan, one edit per task then a final sentence, two approvals. */
export function conversation(req: RecordedRequest): CodexReply | undefined {
  const from = who(req);
  if (!from) return undefined;
  if (from.role === 'plan') return { items: [message(JSON.stringify(plan))] };
  if (from.role === 'review') return { items: [message(JSON.stringify(approval(from.reviewer)))] };
  const edit = edits[from.task];
  if (!edit) return undefined;
  // First request of the turn: edit the file. Once the tool answered: the final sentence.
  if (toolOutputs(req.body).length === 0) return { items: [applyPatch(edit)] };
  return { items: [message(finalSentence(from.task))] };
}
