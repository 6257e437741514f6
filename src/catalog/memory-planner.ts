import {
  FALLBACK_PRESET_IDS,
  presetAssignments,
  type WebLlmCatalog,
  type WebLlmPreset,
  type WebLlmRole,
} from './webllm-catalog.ts';

/** What the planner reads of a WebGPU adapter (GPUAdapter's features, limits and info, as plain data). */
export interface AdapterInfo {
  features: readonly string[];
  limits: { maxBufferSize: number; maxStorageBufferBindingSize: number };
  isFallbackAdapter: boolean;
  vendor?: string;
  architecture?: string;
}

/** Planner settings: the GPU memory the models may use, in MiB. */
export interface PlanOptions {
  deviceMemoryMB?: number;
}

/**
 * The budget when the caller knows none: 4096 MiB. Browsers do not tell GPU memory; callers may pass
 * `navigator.deviceMemory × 1024` (system memory, capped at 8 GB, shared with integrated GPUs). 4 GB lets
 * the low-memory preset (about 2 GB) run and keeps two-model presets off devices that cannot hold them.
 */
export const DEFAULT_DEVICE_MEMORY_MB = 4096;

/** A model to load, the roles it plays, and the q4f16 build it stands in for, if any. */
export interface PlannedModel {
  roles: WebLlmRole[];
  id: string;
  vramRequiredMB: number;
  replaces?: string;
}

/** A q4f16 build swapped for its q4f32 sibling because the adapter lacks shader-f16. */
export interface Substitution {
  roles: WebLlmRole[];
  from: string;
  to: string;
}

interface Placement {
  presetId: string;
  models: PlannedModel[];
  totalVramMB: number;
  budgetMB: number;
  reasons: string[];
}

/** A preset that can run as planned: as written, or with q4f32 builds swapped in. */
export type RunnablePlan =
  | (Placement & { status: 'fits' })
  | (Placement & { status: 'substituted'; substitutions: Substitution[] });

/** The decision: the preset runs, or `fallback` runs instead (`reasons` say why, `fallbackPlan`'s how). */
export type PresetPlan =
  | RunnablePlan
  | {
      status: 'does-not-fit';
      presetId: string;
      reasons: string[];
      fallback: string;
      fallbackPlan: RunnablePlan;
    };

type Attempt = { ok: true; plan: RunnablePlan } | { ok: false; reasons: string[] };

const NAMES = ['AMD', 'Apple', 'Arm', 'Google', 'Intel', 'NVIDIA', 'Qualcomm', 'SwiftShader'];
const PROPER = new Map(NAMES.map((name) => [name.toLowerCase(), name]));
const properName = (word: string) =>
  PROPER.get(word.toLowerCase()) ?? word.charAt(0).toUpperCase() + word.slice(1);

function adapterName(adapter: AdapterInfo): string {
  const parts = [adapter.vendor, adapter.architecture].filter((part): part is string => Boolean(part));
  return parts.map(properName).join(' ') || 'an unnamed adapter';
}

function isSoftware(adapter: AdapterInfo): boolean {
  return adapter.isFallbackAdapter || /swiftshader|llvmpipe|lavapipe/i.test(adapterName(adapter));
}

const megabytes = (bytes: number) => `${Math.floor(bytes / 2 ** 20)} MB`;
const size = (mb: number) => (mb >= 1024 ? `${(mb / 1024).toFixed(1)} GB` : `${Math.round(mb)} MB`);
const listed = (words: readonly string[]) =>
  words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;

/** One line about the adapter: "WebGPU: Google SwiftShader (fallback), shader-f16: no, largest buffer 256 MB". */
export function describeAdapter(adapter: AdapterInfo | undefined): string {
  if (!adapter) return 'WebGPU: no adapter';
  const fallback = isSoftware(adapter) ? ' (fallback)' : '';
  const f16 = adapter.features.includes('shader-f16') ? 'yes' : 'no';
  return `WebGPU: ${adapterName(adapter)}${fallback}, shader-f16: ${f16}, largest buffer ${megabytes(adapter.limits.maxBufferSize)}`;
}

function modelOf(catalog: WebLlmCatalog, id: string) {
  const model = catalog.models.find((record) => record.id === id);
  if (!model) throw new Error(`The WebLLM catalog has no model ${id}; check it with parseWebLlmCatalog.`);
  return model;
}

function presetOf(catalog: WebLlmCatalog, id: string): WebLlmPreset {
  const preset = catalog.presets.find((candidate) => candidate.id === id);
  if (!preset)
    throw new Error(`The WebLLM catalog has no "${id}" preset; restore models/webllm-catalog.json.`);
  return preset;
}

const CPU_REASON =
  'The CPU preset runs the small embedded umi-tiny models with WebAssembly; it needs no WebGPU.';
const NO_F16 = 'shader-f16 (16-bit floats in GPU shaders)';

/** Places a preset's models on the adapter: q4f32 builds where shader-f16 is missing, then the budget. */
function attempt(preset: WebLlmPreset, catalog: WebLlmCatalog, hasF16: boolean, budgetMB: number): Attempt {
  const placement = { presetId: preset.id, models: [] as PlannedModel[], totalVramMB: 0, budgetMB };
  if (preset.mode === 'cpu')
    return { ok: true, plan: { status: 'fits', ...placement, reasons: [CPU_REASON] } };
  const substitutions: Substitution[] = [];
  const stuck: string[] = [];
  for (const { roles, id } of presetAssignments(preset)) {
    const model = modelOf(catalog, id);
    if (hasF16 || !model.requiredFeatures.includes('shader-f16'))
      placement.models.push({ roles, id, vramRequiredMB: model.vramRequiredMB });
    else if (model.f32Variant === undefined) stuck.push(model.label);
    else {
      const variant = modelOf(catalog, model.f32Variant);
      substitutions.push({ roles, from: id, to: variant.id });
      placement.models.push({ roles, id: variant.id, vramRequiredMB: variant.vramRequiredMB, replaces: id });
    }
  }
  if (stuck.length > 0) {
    const why = `${listed(stuck)} need ${NO_F16}, which this GPU does not offer, and have no q4f32 build`;
    const fix = 'Updating the browser and graphics driver may add shader-f16.';
    return { ok: false, reasons: [`The "${preset.label}" preset cannot run on this GPU: ${why}. ${fix}`] };
  }
  const total = placement.models.reduce((sum, model) => sum + model.vramRequiredMB, 0);
  placement.totalVramMB = Math.round(total * 100) / 100;
  const needs = `The "${preset.label}" preset needs about ${size(total)} of GPU memory${substitutions.length > 0 ? ' with the q4f32 builds' : ''}`;
  if (total > budgetMB) {
    const fix = 'Use a device with more GPU memory, or raise the memory budget if this GPU has more.';
    return {
      ok: false,
      reasons: [`${needs}, more than the ${size(budgetMB)} this device is taken to have. ${fix}`],
    };
  }
  const reasons = [`${needs}, within the ${size(budgetMB)} budget.`];
  if (substitutions.length === 0) return { ok: true, plan: { status: 'fits', ...placement, reasons } };
  const swaps = listed(substitutions.map((swap) => `${swap.to} for the ${listed(swap.roles)}`));
  reasons.unshift(
    `This GPU lacks ${NO_F16}, which the q4f16 builds need, so the q4f32 builds run instead: ${swaps}. They use more memory and run somewhat slower.`,
  );
  return { ok: true, plan: { status: 'substituted', ...placement, substitutions, reasons } };
}

/** Why WebLLM cannot use this adapter at all, if it cannot. */
function blocker(adapter: AdapterInfo | undefined): string | undefined {
  if (!adapter)
    return 'This browser has no WebGPU adapter, so WebLLM models cannot run here. For them, use a browser with WebGPU (a recent Chrome or Edge) and an up-to-date graphics driver.';
  if (isSoftware(adapter))
    return `The WebGPU adapter is a software fallback (${adapterName(adapter)}) that runs on the CPU, far too slowly for WebLLM models. Turn on hardware acceleration in the browser's settings or update the graphics driver to use the GPU.`;
  return undefined;
}

/**
 * Decides whether a preset fits the adapter and memory budget. Tries the preset (q4f32 builds where
 * shader-f16 is missing), then "low-memory", then "cpu"; models shared by roles count once. WebLLM shards
 * weights, so maxBufferSize only appears in describeAdapter.
 */
export function planPreset(
  preset: WebLlmPreset,
  catalog: WebLlmCatalog,
  adapter: AdapterInfo | undefined,
  options: PlanOptions = {},
): PresetPlan {
  const budgetMB = options.deviceMemoryMB ?? DEFAULT_DEVICE_MEMORY_MB;
  const hasF16 = adapter?.features.includes('shader-f16') ?? false;
  const blocked = preset.mode === 'cpu' ? undefined : blocker(adapter);
  const reasons = blocked === undefined ? [] : [blocked];
  if (blocked !== undefined && adapter !== undefined && !hasF16) {
    const needF16 = presetAssignments(preset)
      .map(({ id }) => modelOf(catalog, id))
      .filter((model) => model.requiredFeatures.includes('shader-f16'));
    if (needF16.length > 0)
      reasons.push(
        `Its q4f16 models (${listed([...new Set(needF16.map((model) => model.label))])}) also need ${NO_F16}, which this adapter lacks.`,
      );
  }
  const ids = blocked === undefined ? [preset.id, ...FALLBACK_PRESET_IDS] : ['cpu'];
  for (const id of new Set(ids)) {
    const candidate = id === preset.id ? preset : presetOf(catalog, id);
    const result = attempt(candidate, catalog, hasF16, budgetMB);
    if (!result.ok) reasons.push(...result.reasons);
    else if (id === preset.id) return result.plan;
    else {
      reasons.push(`Chose the "${candidate.label}" preset instead.`);
      return {
        status: 'does-not-fit',
        presetId: preset.id,
        reasons,
        fallback: id,
        fallbackPlan: result.plan,
      };
    }
  }
  throw new Error('The "cpu" preset must always run; restore models/webllm-catalog.json.');
}
