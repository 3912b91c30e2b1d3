/** Small text formats shared by the live views, `odw runs` and the report. */

export function formatDuration(ms: number | undefined): string {
  if (ms === undefined) return '-';
  if (ms < 1000) return `${ms}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const m = Math.floor(ms / 60_000);
  return m < 60 ? `${m}m${Math.round((ms % 60_000) / 1000)}s` : `${Math.floor(m / 60)}h${m % 60}m`;
}

/** 1234567 → "1,234,567". */
function formatTokens(n: number): string {
  return n.toLocaleString('en-US');
}

function formatCost(usd: number): string {
  return `$${usd < 1 ? usd.toFixed(4) : usd.toFixed(2)}`;
}

/** "12,345 tokens, $0.0123": what is known of an agent's usage, or "". */
export function usageText(tokens: number | undefined, costUsd: number | undefined): string {
  return [tokens ? `${formatTokens(tokens)} tokens` : '', costUsd ? formatCost(costUsd) : ''].filter(Boolean).join(', ');
}

export const firstLine = (text: unknown): string => String(text ?? '').split('\n')[0];

/** The first line, with the next one when the first only introduces it (`check … exited with code 1:`). */
export function leadLine(text: unknown): string {
  const [first = '', second] = String(text ?? '')
    .trim()
    .split('\n');
  return first.endsWith(':') && second?.trim() ? `${first} ${second.trim()}` : first;
}

export const clip = (text: string, n: number): string => (text.length > n ? `${text.slice(0, n - 1)}…` : text);
