/**
 * A reader that stops early (`odw runs list | head -1`) closes odw's stdout. Writing there then
 * fails with EPIPE, which Node raises as an unhandled 'error' event: a stack trace and exit 1.
 * odw instead stops writing to the closed stream and finishes the command quietly, with the
 * command's own exit code (a run in progress is not cut half-way: it finishes and is recorded).
 */
import type { CliIO } from './io.js';

type Stream = NodeJS.WriteStream | NodeJS.WritableStream;

/** Wraps an IO so that writes to a stream whose reader has gone are dropped, not thrown. */
export function quietOnClosedPipes(io: CliIO, stdout: Stream = process.stdout, stderr: Stream = process.stderr): CliIO {
  const closed = { out: false, err: false };
  watch(stdout, () => (closed.out = true));
  watch(stderr, () => (closed.err = true));
  return {
    ...io,
    out: (t) => (closed.out ? undefined : io.out(t)),
    err: (t) => (closed.err ? undefined : io.err(t)),
  };
}

function watch(stream: Stream, onClosed: () => void): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    onClosed();
  });
}
