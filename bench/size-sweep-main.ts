/**
 * A manual run of the size sweep (bench.ts is the real entry): synthetic GGUFs from ~1M to ~100M
 * parameters in native llama.cpp and wllama, 1 thread each, then where wasm decode reaches 0.5×.
 *
 *   npx tsx bench/size-sweep-main.ts [--runs 3] [--max-tokens 32] [--prompt-tokens 128] [--sizes 6] [--no-browser]
 */
import { parseArgs } from 'node:util';
import { plannerInput } from '../src/agent/alpha-umi-prompts.ts';
import { loadAgentTools } from '../src/cli/agent-tools.ts';
import { measureSizeSweep, promptTail, SWEEP_SHAPES } from './size-sweep.ts';
import { sizeSweepTable } from './size-sweep-report.ts';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '3' },
      'max-tokens': { type: 'string', default: '32' },
      'prompt-tokens': { type: 'string', default: '128' },
      sizes: { type: 'string', default: String(SWEEP_SHAPES.length) },
      browser: { type: 'boolean', default: true },
    },
    allowNegative: true,
  });
  const tools = await loadAgentTools(undefined);
  // The planner prompt of a demo task, its end kept (the task) and cut to about the asked length.
  const whole = plannerInput(
    tools.tools.map((tool) => tool.doc),
    [{ from: 'user', value: "What's the weather in Lausanne?" }],
    { systemPrefix: true },
  );
  await tools.close();
  const prompt = promptTail(whole, Number(values['prompt-tokens']));
  const started = performance.now();
  const rows = await measureSizeSweep({
    shapes: SWEEP_SHAPES.slice(0, Number(values.sizes)),
    runs: Number(values.runs),
    browser: values.browser,
    prompt,
    maxTokens: Number(values['max-tokens']),
    onRow: (row) =>
      process.stderr.write(
        `measured ${row.file} in ${row.seconds.toFixed(0)} s (decode ratio ${row.decodeRatio?.toFixed(2) ?? '–'})\n`,
      ),
  });
  process.stdout.write(`${sizeSweepTable(rows)}\n`);
  process.stdout.write(`sweep: ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`size sweep: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
