/**
 * A Responses API mock for the Codex CLI: `POST /v1/responses`, streamed as server-sent events
 * (response.created → output items → response.completed with usage).
 */
import { sse, startMock, type MockServer, type Script } from './server.js';
import type { Json } from '../../helpers/json.js';

export interface CodexReply {
  items: Record<string, unknown>[];
  usage?: { input: number; output: number };
}

export function startCodexMock(script: Script<CodexReply>): Promise<MockServer> {
  let responses = 0;
  return startMock<CodexReply>(script, {
    isModelRequest: (req) => req.method === 'POST' && req.url.startsWith('/v1/responses'),
    other: (_req, res) => {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"error":{"message":"not found"}}');
    },
    send: (reply, _req, res) => {
      const id = `resp_${++responses}`;
      const usage = reply.usage ?? { input: 20, output: 10 };
      sse(res, [
        { type: 'response.created', response: { id } },
        ...reply.items.flatMap((item) => [
          { type: 'response.output_item.added', item },
          { type: 'response.output_item.done', item },
        ]),
        {
          type: 'response.completed',
          response: {
            id,
            status: 'completed',
            output: reply.items,
            usage: {
              input_tokens: usage.input,
              input_tokens_details: { cached_tokens: 0 },
              output_tokens: usage.output,
              output_tokens_details: { reasoning_tokens: 0 },
              total_tokens: usage.input + usage.output,
            },
          },
        },
      ]);
    },
  });
}

let calls = 0;

/** A tool call item. */
export function functionCall(name: string, args: unknown): Record<string, unknown> {
  calls += 1;
  return { type: 'function_call', id: `fc_${calls}`, call_id: `call_${calls}`, name, arguments: JSON.stringify(args) };
}

/** A file edit the way codex makes one: apply_patch through its shell tool. */
export function applyPatchAdd(path: string, content: string): Record<string, unknown> {
  const lines = content
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => `+${l}`)
    .join('\n');
  return functionCall('exec_command', { cmd: `apply_patch <<'PATCH'\n*** Begin Patch\n*** Add File: ${path}\n${lines}\n*** End Patch\nPATCH` });
}

export function message(text: string): Record<string, unknown> {
  calls += 1;
  return { type: 'message', role: 'assistant', id: `msg_${calls}`, content: [{ type: 'output_text', text }] };
}

/** `-c` options that point codex at the mock (and keep it off every other network). */
export function codexMockArgs(mock: MockServer): string[] {
  return [
    '-c',
    'model_provider="odwmock"',
    '-c',
    'model_providers.odwmock.name="odw mock"',
    '-c',
    `model_providers.odwmock.base_url="${mock.origin}/v1"`,
    '-c',
    'model_providers.odwmock.wire_api="responses"',
    '-c',
    'model_providers.odwmock.env_key="ODW_MOCK_API_KEY"',
    '-c',
    'model_providers.odwmock.request_max_retries=0',
    '-c',
    'model_providers.odwmock.stream_max_retries=0',
    '-c',
    'check_for_update_on_startup=false',
    '-c',
    'analytics.enabled=false',
  ];
}

/** A file edit of any kind through codex's shell tool: `body` is the patch between Begin and End. */
export function applyPatch(body: string): Record<string, unknown> {
  return functionCall('exec_command', { cmd: `apply_patch <<'PATCH'\n*** Begin Patch\n${body.replace(/\n$/, '')}\n*** End Patch\nPATCH` });
}

/** The text of the user messages of a Responses request (the prompts odw sent, not codex's own instructions). */
export function userText(body: Json): string {
  const items: Json[] = Array.isArray(body?.input) ? body.input : [];
  return items
    .filter((i) => i?.type === 'message' && i.role === 'user')
    .flatMap((i) => (Array.isArray(i.content) ? i.content : []).map((c: Json) => (typeof c?.text === 'string' ? c.text : '')))
    .join('\n');
}

/** Outputs of the tool calls already in a request's history (what the shell tool answered). */
export function toolOutputs(body: Json): string[] {
  const items: Json[] = Array.isArray(body?.input) ? body.input : [];
  return items.filter((i) => i?.type === 'function_call_output').map((i) => (typeof i.output === 'string' ? i.output : JSON.stringify(i.output)));
}
