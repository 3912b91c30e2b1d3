/**
 * A scripted model server on 127.0.0.1 (random port) for driving the real agent CLIs in tests.
 * Each model request takes the next reply of the script, or, when the script is a function, the
 * reply it picks for that request (for conversations whose requests arrive in parallel); every
 * request is recorded.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  /** The parsed JSON body, or the raw text when it is not JSON. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- either; the tests read it as the JSON they expect
  body: any;
}

/** An HTTP error reply instead of a streamed one. */
export interface HttpError {
  status: number;
  message: string;
}

/** Never answers (until the server closes): for time-limit tests. */
export interface Hang {
  hang: true;
}

export interface MockServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  port: number;
  requests: RecordedRequest[];
  /** Requests that took a scripted reply. */
  modelRequests(): RecordedRequest[];
  close(): Promise<void>;
}

export type Handler<R> = (reply: R, req: RecordedRequest, res: ServerResponse) => void;

/** A list of replies taken in order, or a function that picks the reply for each model request (`n` counts from 0). */
export type Script<R> = (R | HttpError | Hang)[] | ((req: RecordedRequest, n: number) => R | HttpError | Hang | undefined);

export interface MockOptions<R> {
  /** Which requests take a reply from the script (others get `other`). */
  isModelRequest(req: RecordedRequest): boolean;
  other(req: RecordedRequest, res: ServerResponse): void;
  send: Handler<R>;
}

export async function startMock<R>(script: Script<R>, options: MockOptions<R>): Promise<MockServer> {
  const requests: RecordedRequest[] = [];
  const model: RecordedRequest[] = [];
  const open = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // keep the raw text
      }
      const recorded: RecordedRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      requests.push(recorded);
      if (!options.isModelRequest(recorded)) return options.other(recorded, res);
      const reply = typeof script === 'function' ? script(recorded, model.length) : script[model.length];
      model.push(recorded);
      if (reply === undefined) {
        const why =
          typeof script === 'function' ? `mock script has no reply for request ${model.length}` : `mock script exhausted after ${script.length} replies`;
        return httpError(res, { status: 500, message: why });
      }
      if ('hang' in (reply as object)) {
        open.add(res);
        return;
      }
      if ('status' in (reply as object)) return httpError(res, reply as HttpError);
      options.send(reply as R, recorded, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    requests,
    modelRequests: () => model,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of open) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function httpError(res: ServerResponse, e: HttpError): void {
  res.writeHead(e.status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ type: 'error', error: { type: 'api_error', message: e.message } }));
}

/** Server-sent events: `event: <type>` and `data: <json>` for each. */
export function sse(res: ServerResponse, events: { type: string; [k: string]: unknown }[]): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const e of events) res.write(`event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`);
  res.end();
}
