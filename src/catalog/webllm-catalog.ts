import { type Schema, Validator } from '@cfworker/json-schema';
import catalogJson from '../../models/webllm-catalog.json';
import catalogSchema from '../../models/webllm-catalog.schema.json';
import { UserError } from '../agent/errors.ts';

/** WebLLM's 4-bit builds: f16 scales (need `shader-f16`) or f32 scales (run on any WebGPU adapter). */
export type WebLlmQuantization = 'q4f16_1' | 'q4f32_1';

/** The α-UMi roles a WebLLM preset fills. */
export type WebLlmRole = 'planner' | 'caller' | 'summarizer';

/** One model WebLLM can load: a prebuilt model_id, or α-UMi weights whose URL the user gives. */
export interface WebLlmModelRecord {
  id: string;
  label: string;
  family: string;
  quantization: WebLlmQuantization;
  /** GPU memory in MiB (WebLLM's vram_required_MB: weights, KV cache at contextLength, buffers). */
  vramRequiredMB: number;
  /** Weight download in MiB. */
  downloadMB: number;
  contextLength: number;
  requiredFeatures: string[];
  /** How umi prompts it: a general chat model, or a model fine-tuned on α-UMi's prompts. */
  profile: 'chat' | 'alpha-umi';
  f32Variant?: string;
  userSuppliedWeights?: boolean;
  /** File name of the WebLLM model library (no URL), under modelVersion. */
  modelLib?: string;
  modelVersion?: string;
  notes?: string;
}

interface PresetCommon {
  id: string;
  label: string;
  description: string;
}

/** A named assignment of catalog models to roles, or the CPU preset of embedded models. */
export type WebLlmPreset =
  | (PresetCommon & { mode: 'alpha-umi'; models: Record<WebLlmRole, string> })
  | (PresetCommon & { mode: 'shared'; models: { shared: string } })
  | (PresetCommon & { mode: 'cpu'; models: { embedded: string } });

/** models/webllm-catalog.json, validated. */
export interface WebLlmCatalog {
  schema: 1;
  models: WebLlmModelRecord[];
  presets: WebLlmPreset[];
}

/** A model to load and the roles it plays (one load per distinct id). */
export interface RoleAssignment {
  roles: WebLlmRole[];
  id: string;
}

/** The presets the memory planner falls back to, in order. */
export const FALLBACK_PRESET_IDS = ['low-memory', 'cpu'] as const;

const ROLES: readonly WebLlmRole[] = ['planner', 'caller', 'summarizer'];
const SOURCE = 'models/webllm-catalog.json';
const WRAPPERS = new Set(['properties', 'items', '$ref', 'allOf', 'if', 'then', 'else', 'false']);

/** The models a preset loads, each with the roles it plays; none for the CPU preset. */
export function presetAssignments(preset: WebLlmPreset): RoleAssignment[] {
  if (preset.mode === 'cpu') return [];
  if (preset.mode === 'shared') return [{ roles: [...ROLES], id: preset.models.shared }];
  const assignments: RoleAssignment[] = [];
  for (const role of ROLES) {
    const id = preset.models[role];
    const existing = assignments.find((assignment) => assignment.id === id);
    if (existing) existing.roles.push(role);
    else assignments.push({ roles: [role], id });
  }
  return assignments;
}

/** "models[2] (Qwen3-1.7B-q4f16_1-MLC).quantization" for the JSON pointer "#/models/2/quantization". */
function locate(json: unknown, pointer: string): string {
  const [list, index, ...rest] = pointer.replace(/^#\/?/, '').split('/');
  if (list === undefined || list === '') return 'the file';
  if (index === undefined) return list;
  const entry = (json as Record<string, unknown[]>)[list]?.[Number(index)] as { id?: unknown } | undefined;
  const named = typeof entry?.id === 'string' ? ` (${entry.id})` : '';
  return `${list}[${index}]${named}${rest.map((part) => `.${part}`).join('')}`;
}

const validator = new Validator(catalogSchema as Schema, '2020-12', false);

function fail(where: string, what: string, fix: string): UserError {
  return new UserError(`${SOURCE}: ${where} ${what}. ${fix}`);
}

function checkSchema(json: unknown): void {
  const { valid, errors } = validator.validate(json);
  if (valid) return;
  const leaves = errors.filter((unit) => !WRAPPERS.has(unit.keyword)).slice(0, 3);
  const problems = leaves.map((unit) => `${locate(json, unit.instanceLocation)}: ${unit.error}`);
  throw new UserError(
    `${SOURCE} does not match models/webllm-catalog.schema.json: ${problems.join('; ')}. ` +
      'Fix those entries, or restore the file with git checkout models/.',
  );
}

function checkModels(models: readonly WebLlmModelRecord[]): void {
  const byId = new Map<string, WebLlmModelRecord>();
  models.forEach((model, index) => {
    if (byId.has(model.id))
      throw fail(`models[${index}]`, `repeats the id ${model.id}`, 'Give every model its own id.');
    byId.set(model.id, model);
  });
  models.forEach((model, index) => {
    const at = `models[${index}] (${model.id})`;
    if (model.quantization === 'q4f16_1' && !model.requiredFeatures.includes('shader-f16'))
      throw fail(
        at,
        'is q4f16_1 but does not require shader-f16',
        'Add "shader-f16" to its requiredFeatures.',
      );
    if (model.f32Variant === undefined) return;
    const variant = byId.get(model.f32Variant);
    if (!variant)
      throw fail(
        `${at}.f32Variant`,
        `names ${model.f32Variant}, which the catalog does not list`,
        'Add that model or remove the f32Variant.',
      );
    if (variant.quantization !== 'q4f32_1')
      throw fail(
        `${at}.f32Variant`,
        `names ${variant.id}, which is ${variant.quantization}, not q4f32_1`,
        'Point it at the q4f32_1 build.',
      );
  });
}

function checkPresets(catalog: WebLlmCatalog): void {
  const known = new Set(catalog.models.map((model) => model.id));
  const seen = new Set<string>();
  catalog.presets.forEach((preset, index) => {
    const at = `presets[${index}] (${preset.id})`;
    if (seen.has(preset.id))
      throw fail(`presets[${index}]`, `repeats the id ${preset.id}`, 'Give every preset its own id.');
    seen.add(preset.id);
    for (const { roles, id } of presetAssignments(preset))
      if (!known.has(id))
        throw fail(
          `${at}.models.${preset.mode === 'shared' ? 'shared' : roles[0]}`,
          `names ${id}, which the catalog's models do not list`,
          'Use an id from "models" or add the model.',
        );
  });
  for (const id of FALLBACK_PRESET_IDS)
    if (!seen.has(id))
      throw fail(
        'presets',
        `lack the "${id}" preset the memory planner falls back to`,
        'Restore it with git checkout models/.',
      );
}

/** Validates a WebLLM catalog against its JSON Schema, then its ids; the error names the entry to fix. */
export function parseWebLlmCatalog(json: unknown): WebLlmCatalog {
  checkSchema(json);
  const catalog = json as WebLlmCatalog;
  checkModels(catalog.models);
  checkPresets(catalog);
  return catalog;
}

/** The shipped catalog (models/webllm-catalog.json), validated when first imported. */
export const webLlmCatalog: WebLlmCatalog = parseWebLlmCatalog(catalogJson);
