import type { ModelRecord } from '@mlc-ai/web-llm';

/** Where WebLLM 0.2.86's prebuilt model libraries live, before `<modelVersion>/<file>`. */
const LIBRARY_BASE = 'https://raw.githubusercontent.com/mlc-ai/binary-mlc-llm-libs/main/web-llm-models/';

/** A catalog model whose converted weights the user hosts (α-UMi 7B), and where they are. */
export interface UserWeights {
  id: string;
  weightsUrl: string;
  /** The prebuilt library's file name and the WebLLM version folder it belongs to. */
  modelLib: string;
  modelVersion: string;
  vramRequiredMB: number;
  requiredFeatures: readonly string[];
  contextLength: number;
}

/** The WebLLM record for weights the user hosts, reusing a prebuilt model library (docs/webllm.md §3). */
export function userWeightsRecord(weights: UserWeights): ModelRecord {
  return {
    model: weights.weightsUrl,
    model_id: weights.id,
    model_lib: `${LIBRARY_BASE}${weights.modelVersion}/${weights.modelLib}`,
    vram_required_MB: weights.vramRequiredMB,
    required_features: [...weights.requiredFeatures],
    overrides: { context_window_size: weights.contextLength },
  };
}
