import { UmiError } from '../agent/errors.ts';
import { type CliCommand, processIo } from './cli-io.ts';

const USAGE = `umi — the α-UMi in-page agent, from the command line

Usage: npm run --silent umi -- <command> [options]

Commands:
  render --role planner|caller|summarizer|backbone [--jsonl] [--system-prefix]
      stdin {tools, history}; stdout the exact model input
  score --data <test.json> --predictions <preds.jsonl> [--json]
      step-level metrics (Plan ACC, Act. EM, Hallu., Arg F1, R-L)
  tools --openapi <url|file> | --toolbench <file> [--json]
      import an API description; print the tools, their α-UMi doc lines and every problem
  run "<task>" [--openapi <url|file>] [--engine node-llama-cpp|openai] [--models <dir>]
      [--roles alpha-umi|backbone] [--no-constrained-caller] [--yes] [--json]
      [--base-url <url>] [--model <role>=<name>[@<url>]] [--api-key <key>] [--server llama.cpp|vllm|generic]
      run the agent once (default: the embedded models on the demo API); print every step
  eval --data <test.json> [--engine node-llama-cpp|openai] [--models <dir>] [--roles alpha-umi|backbone]
      [--no-constrained-caller] [--limit N] [--out <dir>] [--seed N] [--temperature T]
      [--e2e | --e2e-only] [--meta <file>] [--json]
      run the models on every step of a test file (resumable); print the step-level metrics and,
      with --e2e, the task success of live runs on the demo API
  serve [--models <dir>] [--host <host>] [--port <port>] [--api-key <key>]
      serve the manifest's models over the OpenAI-compatible API (for --engine openai, other machines)
`;

const commands: Record<string, () => Promise<CliCommand>> = {
  render: async () => (await import('./render-command.ts')).renderCommand,
  score: async () => (await import('./score-command.ts')).scoreCommand,
  tools: async () => (await import('./tools-command.ts')).toolsCommand,
  run: async () => (await import('./run-command.ts')).runCommand,
  eval: async () => (await import('./eval-command.ts')).evalCommand,
  serve: async () => (await import('./serve-command.ts')).serveCommand,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    processIo.stdout(USAGE);
    return name === undefined ? 1 : 0;
  }
  const load = commands[name];
  if (load === undefined) {
    processIo.stderr(`umi: unknown command "${name}".\n\n${USAGE}`);
    return 2;
  }
  try {
    return await (await load())(args, processIo);
  } catch (error) {
    const message = error instanceof UmiError || error instanceof Error ? error.message : String(error);
    processIo.stderr(`umi ${name}: ${message}\n`);
    return error instanceof UmiError && error.fault === 'user' ? 2 : 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
