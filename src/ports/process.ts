/** The only way odw code starts a child process. Implemented in src/adapters/process.ts. */

export interface ProcessSpec {
  /** Executable (or a shell command line when `shell` is true). */
  command: string;
  args?: string[];
  cwd: string;
  /** Extra environment merged over the parent environment. */
  env?: Record<string, string>;
  /** Names removed from the inherited environment (before `env` is merged). */
  clearEnv?: string[];
  /** Text written to stdin, then stdin is closed. Without it stdin is /dev/null. */
  input?: string;
  /** Run `command` through `/bin/sh -c`. */
  shell?: boolean;
  /** Kill the whole process group after this many milliseconds. */
  timeoutMs?: number;
  /** Aborting kills the whole process group. */
  signal?: AbortSignal;
  /** Stream stdout/stderr to these files (appended) instead of only keeping tails in memory. */
  stdoutFile?: string;
  stderrFile?: string;
  /** Called once the process has started, with its pid (also its process group id). */
  onSpawn?: (pid: number) => void;
  /** Called for every complete stdout line, as it arrives. */
  onStdoutLine?: (line: string) => void;
  /** Called for every complete stderr line, as it arrives. */
  onStderrLine?: (line: string) => void;
  /** How many characters of each stream to keep in memory (default 64 KiB). */
  tailChars?: number;
}

export interface ProcessResult {
  exitCode: number | null;
  /** Signal that ended the process, if any. */
  signal: string | null;
  timedOut: boolean;
  cancelled: boolean;
  /** Last `tailChars` characters of stdout / stderr. */
  stdout: string;
  stderr: string;
  durationMs: number;
  /** Set when the process could not be started at all (ENOENT, EACCES …). */
  spawnError?: string;
}

export interface ProcessRunner {
  run(spec: ProcessSpec): Promise<ProcessResult>;
}
