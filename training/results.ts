/**
 * `npm run results`: evaluates the shipped models and every trained baseline through llama.cpp
 * (`umi eval`, greedy) on both test splits, free, with the constrained caller and with grounded decoding, plus
 * end-to-end task success on the out-of-domain split, and writes `docs/results.md` and
 * `docs/results.json`.
 *
 *   npm run results [-- --run training/out/tiny] [-- --jobs 2] [-- --limit N] [-- --no-e2e] [-- --curve-from docs/results.json]
 *
 * `--curve-from` takes the learning curve's snapshot evaluations from an earlier results record
 * instead of the run folder's snapshots (for a run folder without the shipped run's snapshots).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type EvalJob, type EvalRow, planRows, SPLITS } from './results-plan.ts';
import { renderResults } from './results-report.ts';
import { readRun, writeManifest } from './run-manifest.ts';

const REPO = resolve(new URL('..', import.meta.url).pathname);

/** Runs one `umi eval` and returns its JSON results line. */
function runEval(job: EvalJob, log: (line: string) => void): Promise<Record<string, number>> {
  const args = [
    'tsx',
    'src/cli/main.ts',
    'eval',
    '--data',
    job.data,
    '--models',
    job.models,
    '--roles',
    job.roles,
  ];
  if (job.decoding === 'free') args.push('--no-constrained-caller');
  if (job.decoding === 'free' || job.decoding === 'constrained') args.push('--no-grounding');
  if (job.decoding === 'grounded-numbers') args.push('--no-answer-vocabulary');
  if (job.e2e) args.push('--e2e');
  if (job.limit !== undefined) args.push('--limit', String(job.limit));
  args.push('--out', job.out, '--json');
  return new Promise((done, fail) => {
    const child = spawn('npx', args, { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.on('error', fail);
    child.on('close', (code) => {
      const last = stdout.trim().split('\n').at(-1) ?? '';
      if (code !== 0) return fail(new Error(`umi eval ${job.name} exited ${code}:\n${stdout}`));
      log(`done: ${job.name}`);
      done(JSON.parse(last) as Record<string, number>);
    });
  });
}

/** Runs jobs `parallel` at a time. */
async function runAll(jobs: EvalJob[], parallel: number, log: (line: string) => void) {
  const results = new Map<string, Record<string, number>>();
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++] as EvalJob;
      log(`start: ${job.name}`);
      results.set(job.name, await runEval(job, log));
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return results;
}

/** Writes manifests for a run folder's baselines and snapshots so that `umi eval --models` can load them. */
async function prepareBaselines(runRoot: string): Promise<Record<string, string>> {
  const found: Record<string, string> = {};
  const backbone = join(runRoot, 'backbone');
  if (existsSync(join(backbone, 'run.json'))) {
    await writeManifest(backbone, await readRun(backbone), 'single-llm', { backbone: 'backbone.gguf' });
    found.backbone = backbone;
  }
  const oneStage = join(runRoot, 'one-stage');
  if (existsSync(join(oneStage, 'run.json'))) {
    const files = { planner: 'planner.gguf', caller: 'caller.gguf', summarizer: 'summarizer.gguf' };
    await writeManifest(oneStage, await readRun(oneStage), 'one-stage', files);
    found.oneStage = oneStage;
  }
  return found;
}

/** The run records of the trained baselines, labelled as in the tables. */
async function baselineRuns(baselines: Record<string, string>) {
  const labels: Record<string, string> = {
    backbone: 'single-LLM baseline',
    oneStage: 'multi-LLM one-stage baseline',
  };
  return Promise.all(
    Object.entries(baselines).map(async ([key, dir]) => ({
      label: labels[key] ?? key,
      run: await readRun(dir),
    })),
  );
}

/** Stage-1 snapshots of the shipped run (`<run>/alpha-umi/snapshots/NNNmin-stage1.gguf`), each in its own folder. */
async function prepareSnapshots(runRoot: string): Promise<{ minutes: number; dir: string }[]> {
  const runDir = join(runRoot, 'alpha-umi');
  const snapshots = join(runDir, 'snapshots');
  if (!existsSync(snapshots)) return [];
  const run = await readRun(runDir);
  const out = [];
  for (const file of (await readdir(snapshots)).filter((name) => /^\d+min-stage1\.gguf$/.test(name)).sort()) {
    const minutes = Number.parseInt(file, 10);
    const dir = join(snapshots, `${minutes}min`);
    await mkdir(dir, { recursive: true });
    await copyFile(join(snapshots, file), join(dir, 'backbone.gguf'));
    await writeManifest(dir, run, `snapshot-${minutes}min`, { backbone: 'backbone.gguf' });
    out.push({ minutes, dir });
  }
  return out;
}

/** The snapshot evaluations of an earlier `docs/results.json`: their points and measured results. */
async function recordedSnapshots(file: string) {
  const record = JSON.parse(await readFile(file, 'utf8')) as Record<
    string,
    { models: string; results?: Record<string, number> }
  >;
  const snapshots: { minutes: number; dir: string }[] = [];
  const results = new Map<string, Record<string, number>>();
  for (const [name, job] of Object.entries(record)) {
    const match = /^snapshot-(\d+)min-test-out-of-domain$/.exec(name);
    if (!match || !job.results) continue;
    snapshots.push({ minutes: Number(match[1]), dir: job.models });
    results.set(name, job.results);
  }
  if (snapshots.length === 0)
    throw new Error(`${file} has no snapshot evaluations to take the learning curve from.`);
  snapshots.sort((a, b) => a.minutes - b.minutes);
  return { snapshots, results };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      run: { type: 'string', default: 'training/out/tiny' },
      jobs: { type: 'string', default: '2' },
      limit: { type: 'string' },
      e2e: { type: 'boolean', default: true },
      'curve-from': { type: 'string' },
    },
    allowNegative: true,
  });
  const runRoot = resolve(REPO, values.run);
  const dataDir = join(runRoot, 'data');
  for (const split of SPLITS)
    if (!existsSync(join(dataDir, `${split}.json`)))
      throw new Error(
        `${join(dataDir, split)}.json is missing: run npm run train:tiny (or its data step) first.`,
      );
  const log = (line: string) => process.stderr.write(`[results] ${line}\n`);
  const baselines = await prepareBaselines(runRoot);
  const curveFile = values['curve-from'] === undefined ? undefined : resolve(values['curve-from']);
  const recorded = curveFile === undefined ? undefined : await recordedSnapshots(curveFile);
  const snapshots = recorded?.snapshots ?? (await prepareSnapshots(runRoot));
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  const rows: EvalRow[] = planRows({ repo: REPO, runRoot, baselines, snapshots, e2e: values.e2e, limit });
  const jobs = rows.flatMap((row) => row.jobs);
  const toRun = jobs.filter((job) => !recorded?.results.has(job.name));
  log(
    `${toRun.length} evaluations, ${values.jobs} at a time${recorded ? `; ${recorded.results.size} read from ${curveFile}` : ''}`,
  );
  const started = Date.now();
  const results = new Map([...(recorded?.results ?? []), ...(await runAll(toRun, Number(values.jobs), log))]);
  const curveFrom =
    curveFile === undefined
      ? undefined
      : {
          file: relative(REPO, curveFile),
          commit: execFileSync('git', ['log', '-1', '--format=%h', '--', curveFile], { cwd: REPO })
            .toString()
            .trim(),
        };
  const minutes = (Date.now() - started) / 60_000;
  const docs = join(REPO, 'docs');
  await mkdir(docs, { recursive: true });
  const record = Object.fromEntries(
    jobs.map((job) => [job.name, { ...job, results: results.get(job.name) }]),
  );
  await writeFile(join(docs, 'results.json'), `${JSON.stringify(record, null, 2)}\n`);
  await writeFile(
    join(docs, 'results.md'),
    await renderResults({
      rows,
      results,
      minutes,
      limit,
      runRoot,
      repo: REPO,
      baselineRuns: await baselineRuns(baselines),
      ...(curveFrom ? { curveFrom } : {}),
    }),
  );
  log(`docs/results.md written (${minutes.toFixed(1)} min)`);
}

main().catch((error: unknown) => {
  process.stderr.write(`results: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
