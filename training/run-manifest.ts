import { readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import {
  type ModelEntry,
  type ModelManifest,
  type ModelRole,
  parseModelManifest,
} from '../src/catalog/model-manifest.ts';
import { sha256Hex } from '../src/catalog/verify-model.ts';
import { answerVocabulary } from './data/answer-vocabulary.ts';

/** What users of the embedded models are told. */
export const NOTICE =
  'The embedded umi-tiny models were trained only on the demo API (cities, weather, local time, countries, ' +
  'currency conversion, todos). They cannot use other APIs well: load a larger model for your own APIs.';

/** The parts of a training run's run.json that manifests and logs use. */
export interface RunRecord {
  variant: string;
  seed: number;
  started: string;
  finished: string;
  git: { commit?: string; dirty?: boolean };
  minutes: Record<string, number>;
  replay_steps: string;
  model: { context: number; params: number };
  tokenizer: { sha256: string; vocab_size: number };
  data: { manifest_sha256: string; system_prefix: boolean };
  check: Record<string, Record<string, number>>;
  jobs: {
    name: string;
    steps: number;
    epochs: number;
    train_minutes: number;
    final_loss_target: number;
    tokens: number;
    reused_from?: string;
  }[];
  /** The trainer's argv (python first). */
  command: string[];
  /** Where it trained (runs before 2026-12-01 lack it): replayed steps give the same weights only on the same BLAS kernels. */
  machine?: {
    cpu: string;
    vector_extensions: string[];
    blas: { core: string; config: string } | null;
  };
}

/** Reads `<runDir>/run.json`. */
export async function readRun(runDir: string): Promise<RunRecord> {
  return JSON.parse(await readFile(join(runDir, 'run.json'), 'utf8')) as RunRecord;
}

/** A manifest entry for a GGUF of a run. */
export async function entryFor(
  run: RunRecord,
  role: ModelRole,
  path: string,
  id: string,
): Promise<ModelEntry> {
  const bytes = new Uint8Array(await readFile(path));
  return {
    id,
    role,
    file: basename(path),
    bytes: bytes.byteLength,
    sha256: await sha256Hex(bytes),
    context: run.model.context,
    params: run.model.params,
    tokenizer: {
      type: 'byte-level BPE (llama.cpp gpt2, pre gpt-2)',
      vocabSize: run.tokenizer.vocab_size,
      sha256: run.tokenizer.sha256,
    },
    trainingDataSha256: run.data.manifest_sha256,
  };
}

/** The manifest of models trained in `run`, validated. */
export function manifestOf(run: RunRecord, name: string, models: ModelEntry[]): ModelManifest {
  const manifest: ModelManifest = {
    schema: 1,
    name,
    notice: NOTICE,
    systemPrefix: run.data.system_prefix,
    answerVocabulary: answerVocabulary(),
    models,
    training: {
      variant: run.variant,
      commit: run.git.commit ?? 'unknown',
      dirty: run.git.dirty ?? false,
      seed: run.seed,
      started: run.started,
      finished: run.finished,
      minutes: run.minutes,
      replaySteps: run.replay_steps,
      log: 'docs/training/README.md',
    },
  };
  return parseModelManifest(manifest, name);
}

/** Writes `<dir>/manifest.json` for GGUFs that lie in `dir` (role → file name); returns it. */
export async function writeManifest(
  dir: string,
  run: RunRecord,
  name: string,
  files: Partial<Record<ModelRole, string>>,
): Promise<ModelManifest> {
  const models: ModelEntry[] = [];
  for (const [role, file] of Object.entries(files) as [ModelRole, string][])
    models.push(await entryFor(run, role, join(dir, file), `${name}-${role}`));
  const manifest = manifestOf(run, name, models);
  await writeFile(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
