import type { CliIo } from '../cli/cli-io.ts';

/** A CliIo for running commands in-process: fixed stdin, collected stdout and stderr chunks. */
export function fakeIo(stdin = ''): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    readStdin: async () => stdin,
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
  };
}

/** The last non-empty line of a command's output (where `--json` puts its summary). */
export function lastLine(text: string): string {
  return text.trimEnd().split('\n').at(-1) ?? '';
}
