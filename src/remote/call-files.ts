/** The worker's call folder, written into the coordinator's: its call.json takes the coordinator's call id. */
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { StepReply } from './protocol.js';

export async function writeCallFiles(callDir: string, reply: StepReply, attempts: number): Promise<void> {
  await mkdir(callDir, { recursive: true });
  for (const [name, content] of Object.entries(reply.callFiles)) {
    if (name !== basename(name) || name.startsWith('.')) continue;
    const bytes = Buffer.from(content, 'base64');
    if (name !== 'call.json') {
      await writeFile(join(callDir, name), bytes);
      continue;
    }
    const record = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
    const { pid: _pid, ...rest } = record;
    const written = { ...rest, id: basename(callDir), worker: { name: reply.worker, attempts } };
    await writeFile(join(callDir, name), `${JSON.stringify(written, null, 2)}\n`);
  }
}
