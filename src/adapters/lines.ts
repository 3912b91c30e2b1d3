/**
 * Splits a child's output into lines in time linear in its bytes, whatever the line lengths:
 * each chunk is scanned once for newlines (a UTF-8 newline byte is never part of another
 * character, so the bytes are split before decoding), the pieces of a line are kept as they came
 * and joined once, when the line ends. The complete lines inside one chunk are decoded together. A line longer than `cap` bytes keeps only its first `cap`
 * bytes in memory and is delivered cut at a character boundary, with a marker; the output file,
 * written from the raw chunks, still gets every byte.
 */
import { StringDecoder } from 'node:string_decoder';

/**
 * 8 MiB. Agent JSONL events can be large (a claude tool result holding a whole file, a codex
 * command's aggregated output), and a cut event cannot be parsed; a few MiB covers every such event
 * seen in practice. Per stream at most this many bytes (plus one chunk) are held for a line.
 */
export const LINE_CAP_BYTES = 8 * 1024 * 1024;

function truncationMarker(total: number, kept: number): string {
  return ` … [odw: line truncated: ${total} bytes, the first ${kept} kept]`;
}

export class LineSplitter {
  private parts: Buffer[] = [];
  private kept = 0;
  private total = 0;

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly cap = LINE_CAP_BYTES,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    if (this.total > 0) {
      // The end of the line that earlier chunks began.
      const nl = chunk.indexOf(10);
      if (nl < 0) return this.add(chunk, 0, chunk.length);
      this.add(chunk, 0, nl);
      this.emit();
      start = nl + 1;
    }
    const last = chunk.lastIndexOf(10);
    if (last >= start && last - start <= this.cap) {
      // Whole lines only, so no character is cut: decoded at once, then split (the common case).
      for (const line of chunk.toString('utf8', start, last).split('\n')) this.onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
      start = last + 1;
    }
    let nl: number;
    while ((nl = chunk.indexOf(10, start)) >= 0) {
      this.add(chunk, start, nl);
      this.emit();
      start = nl + 1;
    }
    if (start < chunk.length) this.add(chunk, start, chunk.length);
  }

  /** The last line, when the output did not end with a newline. */
  end(): void {
    if (this.total > 0) this.emit();
  }

  private add(chunk: Buffer, from: number, to: number): void {
    this.total += to - from;
    const room = this.cap - this.kept;
    if (room <= 0 || to === from) return;
    const piece = chunk.subarray(from, Math.min(to, from + room));
    this.parts.push(piece);
    this.kept += piece.length;
  }

  private emit(): void {
    const bytes = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts, this.kept);
    const { total, kept } = this;
    this.parts = [];
    this.kept = 0;
    this.total = 0;
    if (total > kept) {
      // write() without end() leaves out a character cut at the cap.
      this.onLine(new StringDecoder('utf8').write(bytes) + truncationMarker(total, kept));
      return;
    }
    const end = bytes.length > 0 && bytes[bytes.length - 1] === 13 ? bytes.length - 1 : bytes.length;
    this.onLine(bytes.toString('utf8', 0, end));
  }
}
