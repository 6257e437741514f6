/**
 * Renders the GLPFT samples of any dialogue file with the data generator's own renderers, so the
 * trainer's held-out check sees exactly the prompts the agent builds (no Python re-implementation).
 *
 *   npx tsx training/umi_training/render_samples.ts --in <split.json> --out <dir> [--no-system-prefix]
 *
 * Writes `<dir>/{planner,caller,summarizer,backbone}.jsonl` (`{input, target}`, target without EOS),
 * one sample per step in file order, as `samples/*.jsonl` of `generate.ts` are for train.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Dialogue } from '../../src/eval/steps.ts';
import { deriveSamples, ROLES } from '../../src/eval/training-samples.ts';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      in: { type: 'string' },
      out: { type: 'string' },
      'no-system-prefix': { type: 'boolean' },
    },
  });
  if (values.in === undefined || values.out === undefined)
    throw new Error('usage: render_samples.ts --in <split.json> --out <dir> [--no-system-prefix]');
  const dialogues = JSON.parse(await readFile(values.in, 'utf8')) as Dialogue[];
  const samples = deriveSamples(dialogues, { systemPrefix: values['no-system-prefix'] !== true });
  await mkdir(values.out, { recursive: true });
  for (const role of ROLES) {
    const lines = samples[role].map((sample) => `${JSON.stringify(sample)}\n`).join('');
    await writeFile(join(values.out, `${role}.jsonl`), lines);
  }
  process.stdout.write(
    `${ROLES.map((role) => `${role} ${samples[role].length}`).join(', ')} samples -> ${values.out}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`render_samples: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
