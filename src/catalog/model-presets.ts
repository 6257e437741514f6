import { UserError } from '../agent/errors.ts';
import type { ModelManifest, ModelRole } from './model-manifest.ts';

/** How the agent runs: three role models (α-UMi) or one model for everything (single-LLM backbone). */
export type AgentMode = 'alpha-umi' | 'backbone';

/** The model slots each mode fills. */
export const MODE_SLOTS: Readonly<Record<AgentMode, readonly ModelRole[]>> = {
  'alpha-umi': ['planner', 'caller', 'summarizer'],
  backbone: ['backbone'],
};

/** A named choice of mode and a model id per slot (models/presets.json). */
export interface ModelPreset {
  id: string;
  label: string;
  mode: AgentMode;
  description: string;
  models: Partial<Record<ModelRole, string>>;
}

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** Reads models/presets.json; every preset must fill its mode's slots with models the manifest has. */
export function parseModelPresets(value: unknown, manifest: ModelManifest, source: string): ModelPreset[] {
  const fail = (where: string, what: string) =>
    new UserError(`${source}: ${where} ${what}. Fix the file or restore it with git checkout models/.`);
  const list = (value as { presets?: unknown } | null)?.presets;
  if (!Array.isArray(list) || list.length === 0) throw fail('presets', 'must be a non-empty list');
  const known = new Set(manifest.models.map((model) => model.id));
  return list.map((item: unknown, index) => {
    const at = `presets[${index}]`;
    const preset = (item ?? {}) as Partial<Record<keyof ModelPreset, unknown>>;
    if (!isText(preset.id) || !isText(preset.label)) throw fail(at, 'needs an id and a label');
    if (preset.mode !== 'alpha-umi' && preset.mode !== 'backbone')
      throw fail(`${at}.mode`, 'must be "alpha-umi" or "backbone"');
    const models = (preset.models ?? {}) as Record<string, unknown>;
    for (const slot of MODE_SLOTS[preset.mode]) {
      const id = models[slot];
      if (!isText(id)) throw fail(`${at}.models.${slot}`, 'is missing');
      if (!known.has(id))
        throw fail(`${at}.models.${slot}`, `names ${id}, which the model manifest does not list`);
    }
    return {
      id: preset.id,
      label: preset.label,
      mode: preset.mode,
      description: isText(preset.description) ? preset.description : '',
      models: Object.fromEntries(MODE_SLOTS[preset.mode].map((slot) => [slot, models[slot] as string])),
    };
  });
}

/** Without a presets file: α-UMi with the manifest's role models, plus the backbone when it ships one. */
export function defaultPresets(manifest: ModelManifest): ModelPreset[] {
  const byRole = (role: ModelRole) => manifest.models.find((model) => model.role === role)?.id;
  const presets: ModelPreset[] = [];
  const [planner, caller, summarizer, backbone] = (
    ['planner', 'caller', 'summarizer', 'backbone'] as const
  ).map(byRole);
  if (planner && caller && summarizer)
    presets.push({
      id: manifest.name,
      label: `α-UMi: planner, caller and summarizer (${manifest.name})`,
      mode: 'alpha-umi',
      description: '',
      models: { planner, caller, summarizer },
    });
  if (backbone)
    presets.push({
      id: `${manifest.name}-backbone`,
      label: `Single LLM (${manifest.name} backbone)`,
      mode: 'backbone',
      description: '',
      models: { backbone },
    });
  return presets;
}
