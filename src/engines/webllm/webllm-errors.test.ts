import { describe, expect, it } from 'vitest';
import { EngineError } from '../../agent/errors.ts';
import { generationError, isDeviceLost, isQuotaExceeded, loadError, mlcFailure } from './webllm-errors.ts';

describe('WebLLM failures', () => {
  it('reads the class name and message from the string an error becomes in WebLLM’s worker', () => {
    expect(mlcFailure('ModelNotFoundError: Cannot find model record in appConfig for x.')).toEqual({
      name: 'ModelNotFoundError',
      message: 'Cannot find model record in appConfig for x.',
    });
    expect(mlcFailure('something odd')).toEqual({ name: 'Error', message: 'something odd' });
    expect(mlcFailure(new TypeError('bad'))).toEqual({ name: 'TypeError', message: 'bad' });
  });

  it('recognises a lost device by WebLLM’s error class, WebGPU’s message, or models WebLLM unloaded itself', () => {
    const lost = [
      'DeviceLostError: x',
      'OperationError: Device is lost',
      'ModelNotLoadedError: Model not loaded',
    ];
    expect(lost.map((text) => isDeviceLost(mlcFailure(text)))).toEqual([true, true, true]);
    expect(isDeviceLost(mlcFailure('Error: network'))).toBe(false);
  });

  it('turns a context overflow into context-overflow with both counts', () => {
    const text =
      'ContextWindowSizeExceededError: Prompt tokens exceed context window size: number of prompt tokens: 5000; context window size: 4096\nConsider shortening the prompt';
    expect(generationError('planner', text)).toMatchObject({
      code: 'context-overflow',
      data: { model: 'planner', promptTokens: 5000, contextLength: 4096 },
    });
  });

  it('blames an unusable grammar or schema on the constraint', () => {
    const text =
      'GrammarMatcherInitError: Failed to initialize the grammar matcher for response format `grammar`: bad';
    const grammar = generationError('m', text, { type: 'grammar', grammar: 'root ::= x' });
    const schema = generationError('m', text, { type: 'json-schema', schema: {} });
    expect([grammar.code, grammar.data?.constraint, schema.code]).toEqual([
      'generation-failed',
      'grammar',
      'unsupported',
    ]);
  });

  it('explains a full disk during a load (QuotaExceededError by name or in the message) and says what to do', () => {
    const fromIndexedDb =
      'Error: Failed to store https://hf.example/params_shard_3.bin with error: QuotaExceededError: The quota has been exceeded.';
    const fromCacheApi = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    for (const thrown of [fromIndexedDb, fromCacheApi, new Error('Storage quota reached')]) {
      const error = loadError('Qwen3-1.7B-q4f16_1-MLC', ['Qwen3-1.7B-q4f16_1-MLC'], thrown);
      expect(error.code).toBe('load-failed');
      expect(error.data?.reason).toBe('quota-exceeded');
      expect(error.message).toBe(
        'The browser has no room left for Qwen3-1.7B-q4f16_1-MLC (QuotaExceededError). Free disk space, delete models you no longer need in the GPU presets panel, or allow this site more storage, then load again.',
      );
    }
    expect(isQuotaExceeded(mlcFailure('QuotaExceededError: x'))).toBe(true);
    expect(isQuotaExceeded(mlcFailure('Error: Network response was not ok'))).toBe(false);
    expect(loadError('a', ['a'], 'Error: 404 Not Found').data?.reason).toBeUndefined();
  });

  it('always gives an EngineError that keeps WebLLM’s error as plain data', () => {
    const error = loadError('a', ['a', 'b'], 'Error: 404 Not Found');
    expect(error).toBeInstanceOf(EngineError);
    expect(error.toData()).toEqual({
      name: 'EngineError',
      fault: 'engine',
      message: 'WebLLM could not load the model a (loaded together with b): 404 Not Found',
      data: {
        code: 'load-failed',
        model: 'a',
        models: ['a', 'b'],
        cause: { name: 'Error', message: '404 Not Found' },
      },
    });
  });
});
