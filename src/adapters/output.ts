/**
 * A child's two output pipes, read by odw itself (execa runs with `buffer: false`): a bounded
 * tail of each in memory, the raw bytes appended to the spec's files with backpressure (a slow
 * disk pauses the pipe, so memory stays bounded), complete lines to the spec's handlers. One
 * write stream serves both pipes when they go to the same file. execa's own `{file, append}`
 * targets are not used: they would open the file twice for a shared log and leave no way to
 * close a pipe that an escaped process holds open (process.ts closes it after a quiet period).
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { ProcessSpec } from '../ports/process.js';
import { TailBuffer } from '../util/tail.js';
import { LineSplitter } from './lines.js';

export interface Outputs {
  stdout(): string;
  stderr(): string;
  /** When output last came (ms since the epoch; 0 when none came). */
  lastData(): number;
  /** Is a pipe paused, waiting for its file to drain? */
  paused(): boolean;
  /** Closes both pipes from odw's side. */
  destroy(): void;
  /** Delivers the last partial lines and closes the files. */
  end(): Promise<void>;
}

/** Reads one output stream: tail in memory, raw bytes to the file (with backpressure), lines to the handler. */
function consume(
  stream: Readable,
  tail: TailBuffer,
  file: WriteStream | undefined,
  onLine: ((line: string) => void) | undefined,
  onData: () => void,
): () => void {
  const decoder = new StringDecoder('utf8');
  const lines = onLine ? new LineSplitter(onLine) : undefined;
  stream.on('data', (chunk: Buffer) => {
    onData();
    tail.push(decoder.write(chunk));
    if (file && !file.write(chunk)) {
      stream.pause();
      file.once('drain', () => stream.resume());
    }
    lines?.push(chunk);
  });
  return () => {
    tail.push(decoder.end());
    lines?.end();
  };
}

export function openOutputs(spec: ProcessSpec, stdout: Readable, stderr: Readable): Outputs {
  const tailChars = spec.tailChars ?? 64 * 1024;
  const out = new TailBuffer(tailChars);
  const err = new TailBuffer(tailChars);
  const outFile = spec.stdoutFile ? createWriteStream(spec.stdoutFile, { flags: 'a' }) : undefined;
  const errFile = spec.stderrFile ? (spec.stderrFile === spec.stdoutFile ? outFile : createWriteStream(spec.stderrFile, { flags: 'a' })) : undefined;
  const files = [...new Set([outFile, errFile])].filter((f): f is WriteStream => f !== undefined);
  let last = 0;
  const onData = () => (last = Date.now());
  const endOut = consume(stdout, out, outFile, spec.onStdoutLine, onData);
  const endErr = consume(stderr, err, errFile, spec.onStderrLine, onData);
  return {
    stdout: () => out.text(),
    stderr: () => err.text(),
    lastData: () => last,
    paused: () => stdout.isPaused() || stderr.isPaused(),
    destroy() {
      stdout.destroy();
      stderr.destroy();
    },
    async end() {
      endOut();
      endErr();
      await Promise.all(files.map((f) => new Promise((r) => f.end(r))));
    },
  };
}
