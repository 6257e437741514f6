import { join } from 'node:path';

/** The test splits, as the data generator names them. */
export const SPLITS = ['test-in-domain', 'test-out-of-domain'] as const;
/** α-UMi's own out-of-domain test set (ToolBench APIs the tiny models never saw), copied into fixtures/. */
export const REFERENCE_SPLIT = 'reference-out-of-domain';
export type Split = (typeof SPLITS)[number] | typeof REFERENCE_SPLIT;

/** Where the reference set lives in the repository. */
export const REFERENCE_DATA = join('fixtures', 'alpha-umi', 'test', 'out_of_domain.json');

/** One `umi eval` to run. */
export interface EvalJob {
  name: string;
  split: Split;
  data: string;
  models: string;
  roles: 'alpha-umi' | 'backbone';
  decoding: Decoding;
  e2e: boolean;
  limit: number | undefined;
  out: string;
}

/**
 * How the models decode: `free`; `constrained` (the caller's grammar of names and schemas);
 * `grounded` (that grammar with its free values copied from the task and the observations, and the
 * summarizer's numbers, words and quoted texts too, given the manifest's answer vocabulary: the app's
 * default); or `grounded-numbers` (the same with only the summarizer's numbers grounded).
 */
export type Decoding = 'free' | 'constrained' | 'grounded' | 'grounded-numbers';

/** One row of the results table: a system evaluated on both splits. */
export interface EvalRow {
  label: string;
  /** Training minutes of the models, when known. */
  minutes?: number;
  jobs: EvalJob[];
}

/** What the plan is made from. */
export interface PlanInput {
  repo: string;
  runRoot: string;
  baselines: Record<string, string>;
  snapshots: { minutes: number; dir: string }[];
  e2e: boolean;
  limit: number | undefined;
}

/** Every evaluation of `npm run results`: shipped α-UMi (each decoding), stage 1, baselines, snapshots. */
export function planRows(input: PlanInput): EvalRow[] {
  const { repo, runRoot, baselines, e2e, limit } = input;
  const outRoot = join(runRoot, 'eval');
  const shipped = join(repo, 'models');
  const row = (
    label: string,
    id: string,
    models: string,
    roles: EvalJob['roles'],
    decoding: Decoding,
    splits: readonly Split[] = SPLITS,
    withE2e = e2e,
  ): EvalRow => ({
    label,
    jobs: splits.map((split) => ({
      name: `${id}-${split}`,
      split,
      data: split === REFERENCE_SPLIT ? join(repo, REFERENCE_DATA) : join(runRoot, 'data', `${split}.json`),
      models,
      roles,
      decoding,
      e2e: withE2e && split === 'test-out-of-domain',
      limit,
      out: join(outRoot, `${id}-${split}`),
    })),
  });
  // The reference set: the shipped α-UMi models as the app runs them and as the paper decodes, and the backbone.
  const withReference = [...SPLITS, REFERENCE_SPLIT] as const;
  const rows = [
    row(
      'α-UMi, GLPFT (shipped), grounded decoding (the app’s default)',
      'alpha-umi-grounded-words',
      shipped,
      'alpha-umi',
      'grounded',
      withReference,
    ),
    row(
      'α-UMi, GLPFT (shipped), grounded, only the answer’s numbers',
      'alpha-umi-grounded',
      shipped,
      'alpha-umi',
      'grounded-numbers',
    ),
    row('α-UMi, GLPFT (shipped), constrained caller', 'alpha-umi', shipped, 'alpha-umi', 'constrained'),
    row(
      'α-UMi, GLPFT (shipped), free decoding',
      'alpha-umi-free',
      shipped,
      'alpha-umi',
      'free',
      withReference,
    ),
    row(
      'GLPFT stage 1 alone (shipped backbone, single-LLM format)',
      'stage1',
      shipped,
      'backbone',
      'free',
      withReference,
      false,
    ),
  ];
  if (baselines.backbone)
    rows.push(
      row(
        'single-LLM baseline (backbone, same data and tokens)',
        'single-llm',
        baselines.backbone,
        'backbone',
        'free',
      ),
    );
  if (baselines.oneStage) {
    rows.push(
      row(
        'multi-LLM one-stage, grounded decoding',
        'one-stage-grounded',
        baselines.oneStage,
        'alpha-umi',
        'grounded',
      ),
      row(
        'multi-LLM one-stage, constrained caller',
        'one-stage',
        baselines.oneStage,
        'alpha-umi',
        'constrained',
      ),
      row('multi-LLM one-stage, free decoding', 'one-stage-free', baselines.oneStage, 'alpha-umi', 'free'),
    );
  }
  for (const { minutes, dir } of input.snapshots) {
    const snapshot = row(`stage 1 after ${minutes} min`, `snapshot-${minutes}min`, dir, 'backbone', 'free', [
      'test-out-of-domain',
    ]);
    rows.push({ ...snapshot, minutes, jobs: snapshot.jobs.map((job) => ({ ...job, e2e: false })) });
  }
  return rows;
}
