/**
 * A Messages API mock for Claude Code: `POST /v1/messages`, streamed as server-sent events
 * (message_start → content blocks → message_delta with stop_reason → message_stop).
 */
import { sse, startMock, type MockServer, type Script } from './server.js';
import type { Json } from '../../helpers/json.js';

export type Block = { type: 'text'; text: string } | { type: 'tool_use'; id: string; name: string; input: unknown };

export interface ClaudeReply {
  blocks: Block[];
  usage?: { input: number; output: number };
}

export function startClaudeMock(script: Script<ClaudeReply>): Promise<MockServer> {
  let messages = 0;
  return startMock<ClaudeReply>(script, {
    // Side requests without tools (if a version makes any) get a plain reply and keep the script.
    isModelRequest: (req) => req.method === 'POST' && req.url.startsWith('/v1/messages') && !req.url.includes('count_tokens') && Array.isArray(req.body?.tools),
    other: (req, res) => {
      if (req.method === 'POST' && req.url.startsWith('/v1/messages') && !req.url.includes('count_tokens')) {
        return sendBlocks(res, `msg_side_${++messages}`, req.body?.model, { blocks: [{ type: 'text', text: 'ok' }] });
      }
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"type":"error","error":{"type":"not_found_error","message":"not found"}}');
    },
    send: (reply, req, res) => sendBlocks(res, `msg_${++messages}`, req.body?.model, reply),
  });
}

type SseEvent = { type: string; [k: string]: unknown };

function sendBlocks(res: Parameters<typeof sse>[0], id: string, model: string | undefined, reply: ClaudeReply): void {
  const usage = reply.usage ?? { input: 20, output: 10 };
  const toolUse = reply.blocks.some((b) => b.type === 'tool_use');
  sse(res, [
    {
      type: 'message_start',
      message: {
        id,
        type: 'message',
        role: 'assistant',
        model: model ?? 'mock',
        content: [],
        stop_reason: null,
        usage: { input_tokens: usage.input, output_tokens: 1 },
      },
    },
    ...reply.blocks.flatMap((b, index): SseEvent[] =>
      b.type === 'text'
        ? [
            { type: 'content_block_start', index, content_block: { type: 'text', text: '' } },
            { type: 'content_block_delta', index, delta: { type: 'text_delta', text: b.text } },
            { type: 'content_block_stop', index },
          ]
        : [
            { type: 'content_block_start', index, content_block: { type: 'tool_use', id: b.id, name: b.name, input: {} } },
            { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: JSON.stringify(b.input) } },
            { type: 'content_block_stop', index },
          ],
    ),
    { type: 'message_delta', delta: { stop_reason: toolUse ? 'tool_use' : 'end_turn', stop_sequence: null }, usage: { output_tokens: usage.output } },
    { type: 'message_stop' },
  ]);
}

let tools = 0;

export function toolUse(name: string, input: unknown): Block {
  tools += 1;
  return { type: 'tool_use', id: `toolu_${tools}`, name, input };
}

export function text(t: string): Block {
  return { type: 'text', text: t };
}

/** Environment that points Claude Code at the mock and turns off everything else. */
export function claudeMockEnv(mock: MockServer, home: string): Record<string, string> {
  return {
    HOME: home,
    ANTHROPIC_BASE_URL: mock.origin,
    ANTHROPIC_API_KEY: 'sk-ant-odw-test-key-0000',
    DISABLE_TELEMETRY: '1',
    DISABLE_ERROR_REPORTING: '1',
    DISABLE_AUTOUPDATER: '1',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    // Fail on the first HTTP error instead of retrying with back-off for minutes.
    CLAUDE_CODE_MAX_RETRIES: '0',
  };
}

/** The text of the user turns of a Messages request (odw's prompt and claude's reminders). */
export function userText(body: Json): string {
  return messagesText(body, 'user');
}

function messagesText(body: Json, role?: string): string {
  const messages: Json[] = Array.isArray(body?.messages) ? body.messages : [];
  return messages
    .filter((m) => role === undefined || m?.role === role)
    .flatMap((m) =>
      typeof m.content === 'string' ? [m.content] : Array.isArray(m.content) ? m.content.map((b: Json) => (typeof b?.text === 'string' ? b.text : '')) : [],
    )
    .join('\n');
}

/** The tool results already in a request's history, as text. */
export function toolResults(body: Json): string[] {
  const messages: Json[] = Array.isArray(body?.messages) ? body.messages : [];
  return messages
    .flatMap((m) => (Array.isArray(m?.content) ? m.content : []))
    .filter((b: Json) => b?.type === 'tool_result')
    .map((b: Json) => (typeof b.content === 'string' ? b.content : JSON.stringify(b.content)));
}

/**
 * The working directory claude announces to the model (`Primary working directory: <dir>`, in a
 * `role: "system"` message of `messages`, or the system prompt).
 */
export function workingDirectory(body: Json): string | undefined {
  const system: Json[] = Array.isArray(body?.system) ? body.system : [{ text: body?.system }];
  const text = [...system.map((b) => (typeof b?.text === 'string' ? b.text : '')), messagesText(body)].join('\n');
  return /(?:Primary working directory|CWD): (\S+)/.exec(text)?.[1];
}
