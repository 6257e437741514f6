import { describe, expect, it } from 'vitest';
import { userWeightsRecord } from './user-weights.ts';

describe('user-hosted weights', () => {
  it('makes a WebLLM record that reuses the prebuilt library of its WebLLM version', () => {
    expect(
      userWeightsRecord({
        id: 'alpha-umi-7b-planner-q4f16_1',
        weightsUrl: 'https://huggingface.co/me/alpha-umi-planner-7b-q4f16_1-MLC',
        modelLib: 'Llama-2-7b-chat-hf-q4f16_1_cs1k-webgpu.wasm',
        modelVersion: 'v0_2_86/base',
        vramRequiredMB: 4618.52,
        requiredFeatures: ['shader-f16'],
        contextLength: 1024,
      }),
    ).toEqual({
      model: 'https://huggingface.co/me/alpha-umi-planner-7b-q4f16_1-MLC',
      model_id: 'alpha-umi-7b-planner-q4f16_1',
      model_lib:
        'https://raw.githubusercontent.com/mlc-ai/binary-mlc-llm-libs/main/web-llm-models/v0_2_86/base/Llama-2-7b-chat-hf-q4f16_1_cs1k-webgpu.wasm',
      vram_required_MB: 4618.52,
      required_features: ['shader-f16'],
      overrides: { context_window_size: 1024 },
    });
  });
});
