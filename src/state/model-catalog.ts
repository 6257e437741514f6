import { type ModelManifest, parseModelManifest } from '../catalog/model-manifest.ts';
import { defaultPresets, type ModelPreset, parseModelPresets } from '../catalog/model-presets.ts';

/** The models the app can load and the named ways to use them. */
export interface ModelCatalog {
  manifest: ModelManifest;
  presets: ModelPreset[];
}

/** Reads models/manifest.json and models/presets.json (presets derived from the manifest when that file is absent). */
export async function loadModelCatalog(
  fetchImpl: typeof fetch,
  manifestUrl: string,
  presetsUrl: string,
): Promise<ModelCatalog> {
  const response = await fetchImpl(manifestUrl);
  if (!response.ok)
    throw new Error(
      `The model manifest ${manifestUrl} answered HTTP ${response.status}; build the models with npm run train:tiny.`,
    );
  const manifest = parseModelManifest(await response.json(), manifestUrl);
  const presetsResponse = await fetchImpl(presetsUrl);
  if (presetsResponse.status === 404) return { manifest, presets: defaultPresets(manifest) };
  if (!presetsResponse.ok)
    throw new Error(`The model presets ${presetsUrl} answered HTTP ${presetsResponse.status}.`);
  return { manifest, presets: parseModelPresets(await presetsResponse.json(), manifest, presetsUrl) };
}
