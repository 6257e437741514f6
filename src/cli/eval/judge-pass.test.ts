import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMBEDDED_MODELS_DIR } from '../../catalog/node-model-files.ts';
import { NodeLlamaEngine } from '../../engines/node-llama/node-llama-engine.ts';
import { runJudgePass } from './judge-pass.ts';

const records = [
  {
    dialogue: 0,
    instruction: "What's the weather in Lausanne?",
    status: 'answered',
    answer: 'It is 11.5 degrees celsius and fog in Lausanne.',
    calls: [{ name: 'getweather_for_demo', arguments: '{"city_id": 113}', ok: true }],
  },
  { dialogue: 1, instruction: 'Book me a flight to Paris.', status: 'gave-up', answer: null, calls: [] },
];

describe('the judge pass', { timeout: 60_000 }, () => {
  it('gets one of the three verdicts for every run from a real model held to them by a grammar, and is resumable', async () => {
    const judge = new NodeLlamaEngine({
      modelPath: join(EMBEDDED_MODELS_DIR, 'umi-tiny-backbone.gguf'),
      contextSize: 1024,
    });
    await judge.load();
    try {
      const out = await mkdtemp(join(tmpdir(), 'umi-judge-'));
      const progress = { write: () => undefined, tty: false, now: Date.now };
      const verdicts = await runJudgePass(out, records, judge, progress);
      expect(verdicts).toHaveLength(2);
      for (const verdict of verdicts) expect(['solved', 'unsolved', 'unsure']).toContain(verdict);
      expect(await runJudgePass(out, records, judge, progress)).toEqual(verdicts);
      const other = new NodeLlamaEngine({ modelPath: join(EMBEDDED_MODELS_DIR, 'umi-tiny-planner.gguf') });
      await expect(runJudgePass(out, records, other, progress)).rejects.toThrow(
        /holds verdicts of the judge umi-tiny-backbone/,
      );
    } finally {
      await judge.unload();
    }
  });
});
