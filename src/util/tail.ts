/**
 * Keeps only the last `limit` characters of a stream, so output never grows memory without bound.
 * Linear in what is pushed: dropped chunks are skipped by an index (no shifting of the array),
 * which is compacted now and then.
 */
export class TailBuffer {
  private chunks: string[] = [];
  private head = 0;
  private size = 0;
  truncated = false;

  constructor(private readonly limit: number) {}

  push(text: string): void {
    if (!text) return;
    this.chunks.push(text);
    this.size += text.length;
    while (this.head < this.chunks.length - 1 && this.size - this.chunks[this.head].length >= this.limit) {
      this.size -= this.chunks[this.head].length;
      this.chunks[this.head++] = ''; // dropped: not kept alive by the array
      this.truncated = true;
    }
    if (this.size > this.limit) {
      // Keep the end of the first chunk (a slice: constant time, whatever the chunk's size).
      this.chunks[this.head] = this.chunks[this.head].slice(this.size - this.limit);
      this.size = this.limit;
      this.truncated = true;
    }
    if (this.head > 1024 && this.head * 2 > this.chunks.length) {
      this.chunks = this.chunks.slice(this.head);
      this.head = 0;
    }
  }

  text(): string {
    return this.chunks.slice(this.head).join('');
  }
}

/** The last `lines` lines of a text. */
export function tailLines(text: string, lines: number): string {
  // trimEnd, not /\s+$/: that regex takes quadratic time on a text with long runs of spaces.
  const all = text.trimEnd().split('\n');
  return all.slice(-lines).join('\n');
}
