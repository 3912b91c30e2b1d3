/** `odw run <pipeline|name>`: the command's options; the work is in ../actions/run.ts, loaded when it runs. */
import type { Command } from 'commander';
import type { CommandContext } from '../main.js';
import type { RunFlags } from '../actions/run.js';

const collect = (value: string, previous: string[]) => [...previous, value];
export function register(program: Command, ctx: CommandContext): void {
  program
    .command('run')
    .description('run a pipeline file, or a pipeline shipped with odw by name')
    .argument('<pipeline>', 'pipeline file (e.g. .odw/pipeline.yml) or shipped name (e.g. parallel-review-apply)')
    .option('-i, --input <key=value>', 'set an input; key=@path reads a file (repeatable)', collect, [])
    .option('--repo <dir>', 'repository to work on and keep run records in (default: the git work tree around the current directory)')
    .option('--json', 'print events as JSON lines instead of text')
    .option('-w, --watch', 'rerun whenever the pipeline, its templates or its file inputs change (Ctrl-C to stop)')
    .option('--record', "keep every agent call's answer and patch as a recording (recording.json) for --replay")
    .option('--replay <run-id>', 'answer every agent call from the recording of an earlier run (id, latest, or a run folder) instead of running agents')
    .option(
      '--executor <where>',
      'where task steps run: local (default), or a queue of odw workers, redis://host[:port][/db] or redis+unix:///path (also $ODW_EXECUTOR)',
    )
    .action(async (ref: string, flags: RunFlags) => ctx.setExit(await (await import('../actions/run.js')).runCommand(ctx, ref, flags)));
}
