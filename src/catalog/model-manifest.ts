import { UserError } from '../agent/errors.ts';

/** The role a shipped model was fine-tuned for (`backbone`: the single-LLM format of GLPFT stage 1). */
export type ModelRole = 'planner' | 'caller' | 'summarizer' | 'backbone';

/** The roles of a manifest entry, in the order they are listed. */
export const MODEL_ROLES: readonly ModelRole[] = ['planner', 'caller', 'summarizer', 'backbone'];

/** The tokenizer a model was trained with (recorded so a mismatch is visible). */
export interface TokenizerInfo {
  type: string;
  vocabSize: number;
  sha256: string;
}

/** One GGUF of the manifest: what it is for, and how to check that the file is the one trained. */
export interface ModelEntry {
  id: string;
  role: ModelRole;
  /** File name relative to the manifest's folder. */
  file: string;
  bytes: number;
  sha256: string;
  /** Training context in tokens. */
  context: number;
  params: number;
  tokenizer: TokenizerInfo;
  /** sha256 of the training data's manifest.json. */
  trainingDataSha256: string;
}

/** `models/manifest.json`: the shipped models and how they were made. */
export interface ModelManifest {
  schema: 1;
  name: string;
  /** What users must be told about these models (e.g. that they know only the demo API). */
  notice: string;
  /** Whether prompts start with `system: `, as the models saw in training. */
  systemPrefix: boolean;
  /**
   * The words the summarizer was trained to answer with besides the values it copies (its answer
   * templates' words); when present, grounded answers may use only these and the task's and the
   * observations' words.
   */
  answerVocabulary?: string[];
  models: ModelEntry[];
  /** Free-form record of the training run (commit, seed, minutes, metrics). */
  training: Record<string, unknown>;
}

const fail = (source: string, what: string): never => {
  throw new UserError(
    `The model manifest ${source} is invalid: ${what}. Rebuild it with npm run train:tiny.`,
    {
      source,
    },
  );
};

function field<T>(
  source: string,
  where: string,
  value: unknown,
  kind: string,
  check: (v: unknown) => boolean,
): T {
  if (!check(value)) fail(source, `${where} must be ${kind}`);
  return value as T;
}

const isString = (v: unknown) => typeof v === 'string' && v.length > 0;
const isCount = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v > 0;
const isSha = (v: unknown) => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function parseEntry(source: string, value: unknown, index: number): ModelEntry {
  const at = `models[${index}]`;
  if (!isRecord(value)) return fail(source, `${at} must be an object`);
  const tokenizer = value.tokenizer;
  if (!isRecord(tokenizer)) return fail(source, `${at}.tokenizer must be an object`);
  const file = field<string>(source, `${at}.file`, value.file, 'a file name', isString);
  if (file.includes('/') || file.includes('\\') || file.startsWith('.'))
    fail(source, `${at}.file must be a plain file name beside the manifest, not "${file}"`);
  return {
    id: field(source, `${at}.id`, value.id, 'a non-empty string', isString),
    role: field(source, `${at}.role`, value.role, `one of ${MODEL_ROLES.join(', ')}`, (v) =>
      MODEL_ROLES.includes(v as ModelRole),
    ),
    file,
    bytes: field(source, `${at}.bytes`, value.bytes, 'a positive integer', isCount),
    sha256: field(source, `${at}.sha256`, value.sha256, '64 lower-case hex digits', isSha),
    context: field(source, `${at}.context`, value.context, 'a positive integer', isCount),
    params: field(source, `${at}.params`, value.params, 'a positive integer', isCount),
    tokenizer: {
      type: field(source, `${at}.tokenizer.type`, tokenizer.type, 'a non-empty string', isString),
      vocabSize: field(
        source,
        `${at}.tokenizer.vocabSize`,
        tokenizer.vocabSize,
        'a positive integer',
        isCount,
      ),
      sha256: field(source, `${at}.tokenizer.sha256`, tokenizer.sha256, '64 lower-case hex digits', isSha),
    },
    trainingDataSha256: field(
      source,
      `${at}.trainingDataSha256`,
      value.trainingDataSha256,
      'a sha256',
      isSha,
    ),
  };
}

/** Validates a parsed manifest; `source` names it in errors. Throws a UserError saying what is wrong. */
export function parseModelManifest(value: unknown, source: string): ModelManifest {
  if (!isRecord(value)) return fail(source, 'it must be a JSON object');
  if (value.schema !== 1)
    fail(source, `schema ${JSON.stringify(value.schema)} is not supported (expected 1)`);
  if (!Array.isArray(value.models) || value.models.length === 0)
    fail(source, 'models must be a non-empty list');
  const models = (value.models as unknown[]).map((entry, index) => parseEntry(source, entry, index));
  const ids = new Set<string>();
  for (const { id } of models) {
    if (ids.has(id)) fail(source, `the id ${id} is listed twice`);
    ids.add(id);
  }
  return {
    schema: 1,
    name: field(source, 'name', value.name, 'a non-empty string', isString),
    notice: field(source, 'notice', value.notice, 'a non-empty string', isString),
    systemPrefix: field(
      source,
      'systemPrefix',
      value.systemPrefix,
      'true or false',
      (v) => typeof v === 'boolean',
    ),
    ...(value.answerVocabulary === undefined
      ? {}
      : {
          answerVocabulary: field<string[]>(
            source,
            'answerVocabulary',
            value.answerVocabulary,
            'a list of words',
            (v) => Array.isArray(v) && v.every((word) => typeof word === 'string' && /^[^\s"]+$/.test(word)),
          ),
        }),
    models,
    training: isRecord(value.training) ? value.training : {},
  };
}

/** The manifest's model for a role; a UserError naming the manifest when it has none. */
export function modelForRole(manifest: ModelManifest, role: ModelRole, source = manifest.name): ModelEntry {
  const entry = manifest.models.find((model) => model.role === role);
  if (entry === undefined)
    throw new UserError(
      `The model manifest ${source} has no ${role} model. Rebuild it with npm run train:tiny.`,
    );
  return entry;
}
