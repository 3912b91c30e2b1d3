/** Keeps only the last `limit` characters of a stream, so output never grows memory without bound. */
export class TailBuffer {
  private chunks: string[] = [];
  private size = 0;
  truncated = false;

  constructor(private readonly limit: number) {}

  push(text: string): void {
    this.chunks.push(text);
    this.size += text.length;
    while (this.size > this.limit && this.chunks.length > 1) {
      this.size -= this.chunks.shift()!.length;
      this.truncated = true;
    }
    if (this.size > this.limit) {
      this.chunks[0] = this.chunks[0].slice(this.size - this.limit);
      this.size = this.limit;
      this.truncated = true;
    }
  }

  text(): string {
    return this.chunks.join('');
  }
}

/** The last `lines` lines of a text. */
export function tailLines(text: string, lines: number): string {
  const all = text.replace(/\s+$/, '').split('\n');
  return all.slice(-lines).join('\n');
}
