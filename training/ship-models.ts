/**
 * Copies a finished alpha-umi training run into the repository: the four GGUFs and their manifest
 * into `models/`, the run record, console log and loss curve into `docs/training/`.
 *
 *   npx tsx training/ship-models.ts --run <run dir> --data <data dir> [--log <console log>] [--root <repo>]
 */
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { type RunRecord, readRun, writeManifest } from './run-manifest.ts';

const REPO = new URL('..', import.meta.url).pathname;
/** Run job name → shipped role. */
const SHIPPED = {
  planner: 'planner',
  caller: 'caller',
  summarizer: 'summarizer',
  stage1: 'backbone',
} as const;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      run: { type: 'string' },
      data: { type: 'string' },
      log: { type: 'string' },
      root: { type: 'string' },
    },
  });
  if (!values.run || !values.data)
    throw new Error('usage: ship-models.ts --run <run dir> --data <data dir> [--log F]');
  const run = await readRun(values.run);
  if (run.variant !== 'alpha-umi')
    throw new Error(`${values.run} is a ${run.variant} run; ship an alpha-umi run.`);
  const root = values.root ?? REPO;
  const modelsDir = join(root, 'models');
  const docsDir = join(root, 'docs', 'training');
  await mkdir(modelsDir, { recursive: true });
  await mkdir(docsDir, { recursive: true });
  const files: Record<string, string> = {};
  for (const [job, role] of Object.entries(SHIPPED)) {
    files[role] = `umi-tiny-${role}.gguf`;
    await copyFile(join(values.run, `${job}.gguf`), join(modelsDir, files[role]));
  }
  const manifest = await writeManifest(modelsDir, run, 'umi-tiny', files);
  for (const model of manifest.models) process.stdout.write(`models/${model.file}: ${model.bytes} bytes\n`);

  await copyFile(join(values.run, 'run.json'), join(docsDir, 'run.json'));
  await copyFile(join(values.run, 'loss.png'), join(docsDir, 'loss.png'));
  await copyFile(join(values.run, 'metrics.jsonl'), join(docsDir, 'metrics.jsonl'));
  if (values.log) await copyFile(values.log, join(docsDir, 'train-tiny.log'));
  await writeFile(join(docsDir, 'README.md'), summary(run, values.log ? basename(values.log) : undefined));
  process.stdout.write(`models/manifest.json and docs/training/ written\n`);
}

/** The CPU and BLAS kernels a run trained on, as one phrase. */
function machineLine(run: RunRecord): string {
  const machine = run.machine;
  if (!machine) return 'machine not recorded';
  const blas = machine.blas ? `OpenBLAS kernels ${machine.blas.core}` : 'BLAS kernels unknown';
  return `on ${machine.cpu} (${machine.vector_extensions.join(', ') || 'no AVX'}), ${blas}`;
}

function summary(run: RunRecord, log: string | undefined): string {
  const jobs = run.jobs
    .map((j) => `| ${j.name} | ${j.steps} | ${j.epochs} | ${j.train_minutes} | ${j.final_loss_target} |`)
    .join('\n');
  const checks = Object.entries(run.check)
    .map(
      ([name, scores]) =>
        `| ${name} | ${Object.entries(scores)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')} |`,
    )
    .join('\n');
  return `# Training log of the shipped models

Made by \`npm run train:tiny\` (GLPFT: stage 1 global on whole trajectories, stage 2 one local
fine-tune per role), commit \`${run.git.commit ?? 'unknown'}\`${run.git.dirty ? ' (with uncommitted changes)' : ''},
seed ${run.seed}, ${run.started} → ${run.finished}, ${run.minutes.training} training minutes
(${run.minutes.total} in all), ${machineLine(run)}. Replay: \`--steps ${run.replay_steps}\` — the same
weights on the same CPU kernels; on other kernels the floating-point sums differ and the weights drift
(\`docs/training/second-run/\`).

| job | steps | epochs | minutes | final target loss |
|---|---|---|---|---|
${jobs}

Quick held-out check (PyTorch, teacher-forced, a few out-of-domain steps; the real metrics are in
\`docs/results.md\`, measured through llama.cpp):

| model | scores |
|---|---|
${checks}

![loss](loss.png)

Files: \`run.json\` (everything recorded), \`metrics.jsonl\` (loss per log line)${log ? `, \`train-tiny.log\` (console)` : ''}.
`;
}

main().catch((error: unknown) => {
  process.stderr.write(`ship-models: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
