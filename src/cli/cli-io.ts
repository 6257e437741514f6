/** The world a CLI command sees; injected so tests can run commands in-process. */
export interface CliIo {
  readStdin(): Promise<string>;
  stdout(text: string): void;
  stderr(text: string): void;
}

/** A CLI subcommand: takes its arguments, returns the process exit code. */
export type CliCommand = (args: string[], io: CliIo) => Promise<number>;

/** The process's real stdin/stdout/stderr. */
export const processIo: CliIo = {
  async readStdin() {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};
