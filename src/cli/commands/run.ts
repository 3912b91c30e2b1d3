/** `odw run <pipeline|name>`: load, validate, run, report. */
import type { Command } from 'commander';
import { loadPipeline } from '../../config/load.js';
import { formatConfigError } from '../../config/errors.js';
import { createPorts } from '../../compose.js';
import { execute } from '../../run/execute.js';
import { parseInputFlags, resolveInputs } from '../../run/inputs.js';
import { EXIT } from '../exit.js';
import type { CommandContext } from '../main.js';
import { findRepo } from '../repo.js';
import { formatDuration, jsonRenderer, plainRenderer } from '../render/plain.js';
import { relative } from 'node:path';

interface RunFlags {
  input: string[];
  repo?: string;
  json?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function register(program: Command, ctx: CommandContext): void {
  program
    .command('run')
    .description('run a pipeline file, or a pipeline shipped with odw by name')
    .argument('<pipeline>', 'pipeline file (e.g. .odw/pipeline.yml) or shipped name (e.g. parallel-review-apply)')
    .option('-i, --input <key=value>', 'set an input; key=@path reads a file (repeatable)', collect, [])
    .option('--repo <dir>', 'repository to work on and keep run records in (default: the git work tree around the current directory)')
    .option('--json', 'print events as JSON lines instead of text')
    .action(async (ref: string, flags: RunFlags) => ctx.setExit(await runCommand(ctx, ref, flags)));
}

async function runCommand(ctx: CommandContext, ref: string, flags: RunFlags): Promise<number> {
  const { io } = ctx;
  const loaded = await loadPipeline(ref, { cwd: io.cwd });
  if (!loaded.ok) {
    for (const e of loaded.errors) io.err(formatConfigError(e, io.cwd));
    io.err(`odw: ${loaded.errors.length} error${loaded.errors.length === 1 ? '' : 's'}; nothing was run`);
    return EXIT.usage;
  }
  const pipeline = loaded.pipeline;
  const repo = findRepo(io.cwd, flags.repo);
  const inputs = resolveInputs(pipeline.spec.inputs ?? {}, parseInputFlags(flags.input), io.cwd);
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = () => {
    interrupts++;
    if (interrupts === 1) {
      io.err('odw: cancelling — stopping agents and commands, cleaning up (press Ctrl-C again to force)');
      controller.abort();
    } else process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const sink = flags.json ? jsonRenderer(io) : plainRenderer(io);
    const result = await execute({ pipeline, inputs, repo, ports: createPorts({ env: io.env, budget: pipeline.spec.budget }), env: io.env, signal: controller.signal, sinks: [sink] });
    if (!flags.json) {
      const r = result.record.record;
      const mark = r.status === 'succeeded' ? '✓' : '✗';
      io.out(`${mark} run ${r.id} ${r.status} in ${formatDuration(r.durationMs)}${r.headline ? ` — ${r.headline}` : ''}`);
      io.out(`  record: ${relative(io.cwd, result.record.dir) || '.'}   details: odw runs show ${r.id}`);
    }
    return result.status === 'succeeded' ? EXIT.ok : result.status === 'cancelled' ? 130 : EXIT.failed;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
