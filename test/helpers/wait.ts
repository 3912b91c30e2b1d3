/**
 * Waiting in tests: poll for the event a test waits for, never sleep a fixed time.
 *
 *   await waitUntil(() => existsSync(file), 'the agent to write its pid');
 *
 * The deadline only bounds a hung test (it fails with `what`); it is not a timing assumption,
 * so a slow, loaded machine makes a test slower, never red.
 */
export async function waitUntil<T>(check: () => T | Promise<T>, what: string, ms = 60_000, every = 20): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, every));
  }
}
