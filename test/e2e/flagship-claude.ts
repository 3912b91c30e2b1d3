/**
 * The flagship pipeline's scripted conversation with Claude Code, shared by the tests that run
 * the shipped pipeline on the real claude CLI (test/e2e/flagship-claude.test.ts, sandbox.test.ts).
 */
import { join } from 'node:path';
import { approval, FAREWELL, finalSentence, GREET, plan, roleOf } from './flagship.js';
import { text, toolResults, toolUse, userText, workingDirectory, type ClaudeReply } from './mock/claude.js';
import type { RecordedRequest } from './mock/server.js';

export const who = (req: RecordedRequest) => roleOf(userText(req.body));

/**
 * The scripted conversation: the plan and the two approvals through claude's StructuredOutput
 * tool; `greet` reads its file then edits it, `farewell` writes a new file; each then says what it did.
 */
export function conversation(req: RecordedRequest): ClaudeReply | undefined {
  const from = who(req);
  const done = toolResults(req.body).length;
  if (!from) return undefined;
  if (from.role === 'plan') return done ? { blocks: [text('Planned.')] } : { blocks: [toolUse('StructuredOutput', plan)] };
  if (from.role === 'review') return done ? { blocks: [text('Reviewed.')] } : { blocks: [toolUse('StructuredOutput', approval(from.reviewer))] };
  const cwd = workingDirectory(req.body);
  if (!cwd) return undefined;
  const steps: Record<string, ClaudeReply[]> = {
    greet: [
      { blocks: [toolUse('Read', { file_path: join(cwd, 'src/greet.js') })] },
      { blocks: [toolUse('Edit', { file_path: join(cwd, 'src/greet.js'), old_string: '// greeting helpers\n', new_string: GREET })] },
    ],
    farewell: [{ blocks: [text('Creating the file.'), toolUse('Write', { file_path: join(cwd, 'src/farewell.js'), content: FAREWELL })] }],
  };
  const script = steps[from.task];
  if (!script) return undefined;
  return script[done] ?? { blocks: [text(finalSentence(from.task))] };
}
