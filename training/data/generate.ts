import { codePointLength } from '../../src/agent/python-text.ts';
import { ROLES } from '../../src/eval/training-samples.ts';
import { readOptions, USAGE } from './cli-options.ts';
import { generateDataset } from './dataset.ts';
import { histogram, statsTable } from './length-stats.ts';
import { SPLITS } from './splits.ts';
import { writeDataset } from './write-dataset.ts';

/** `npx tsx training/data/generate.ts --out <dir> …`: generates the α-UMi training and test data. */
async function main(args: string[]): Promise<number> {
  const options = readOptions(args);
  if (options === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  const started = Date.now();
  const log = (line: string) => process.stdout.write(`${line}\n`);
  log(
    `Generating seed ${options.seed}: ${options.train} train, ${options.test} + ${options.test} test dialogues ` +
      `(system: prefix ${options.systemPrefix ? 'on' : 'off'}) against a local demo API…`,
  );
  const dataset = await generateDataset(options, log);
  log('Writing files…');
  const manifest = await writeDataset(options.out, dataset);
  for (const split of SPLITS) {
    const { dialogues, steps, intents } = manifest.counts[split] as {
      dialogues: number;
      steps: number;
      intents: Record<string, number>;
    };
    log(
      `${split}: ${dialogues} dialogues, ${steps} steps; ${Object.entries(intents)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
  }
  log(`samples: ${ROLES.map((role) => `${role} ${dataset.samples[role].length}`).join(', ')}`);
  log(
    `\nPrompt length (characters, input incl. suffix${options.systemPrefix ? ' and system: prefix' : ''}); α-UMi doc ${dataset.docChars} chars:`,
  );
  log(statsTable(manifest.promptChars).trimEnd());
  for (const role of ROLES) {
    log(`${role}:`);
    log(histogram(dataset.samples[role].map((sample) => codePointLength(sample.input))).trimEnd());
  }
  log(`\nTarget length (characters):\n${statsTable(manifest.targetChars).trimEnd()}`);
  log(
    `\nWrote ${Object.keys(manifest.files).length} files and manifest.json to ${options.out} in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`generate: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
