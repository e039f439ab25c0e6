/** What a command may touch, so tests can run commands in-process with captured output. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Current directory, for resolving relative paths. */
  cwd: string;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Returns the exit code. */
  run: (args: string[], io: CliIo) => number | Promise<number>;
}

/** Exit codes shared by all commands. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;
