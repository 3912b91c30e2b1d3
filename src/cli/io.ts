/** Where commands write. Tests pass a capturing IO; the binary passes process streams. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** Working directory that relative paths are resolved against. */
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** stdout is an interactive terminal. */
  isTTY: boolean;
}

export function processIO(): CliIO {
  return {
    out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
    err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
    cwd: process.cwd(),
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY),
  };
}

export function printJson(io: CliIO, value: unknown): void {
  io.out(`${JSON.stringify(value, null, 2)}\n`);
}
