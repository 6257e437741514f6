import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { UserError } from '../agent/errors.ts';
import { datasetText, isGzip, parseDataset } from './dataset-text.ts';

const DIALOGUES = [
  {
    tools: [{ Name: 'getweather_for_demo', function: 'Weather.', input: {} }],
    instruction: 'Weather?',
    conversations: [{ from: 'user', value: 'Weather in Lyon? ☀' }],
  },
];
const TEXT = JSON.stringify(DIALOGUES);

describe('test files', () => {
  it('reads plain and gzipped bytes to the same text', async () => {
    const plain = new TextEncoder().encode(TEXT);
    const zipped = new Uint8Array(gzipSync(plain));
    expect(isGzip(zipped)).toBe(true);
    expect(isGzip(plain)).toBe(false);
    expect(await datasetText(plain, 'a.json')).toBe(TEXT);
    expect(await datasetText(zipped, 'a.json.gz')).toBe(TEXT);
  });

  it('says a truncated gzip file is truncated instead of returning part of it', async () => {
    const zipped = new Uint8Array(gzipSync(new TextEncoder().encode(TEXT.repeat(50))));
    const cut = zipped.slice(0, Math.floor(zipped.length / 2));
    await expect(datasetText(cut, 'cut.json.gz')).rejects.toThrow(/cut\.json\.gz looks gzipped.*truncated/);
  });

  it('parses dialogues and names the file in every problem', () => {
    expect(parseDataset(TEXT, 'a.json')[0]?.conversations[0]?.value).toBe('Weather in Lyon? ☀');
    expect(() => parseDataset('{"tools": [', 'b.json')).toThrow(/^b\.json is not valid JSON/);
    const wrong = () => parseDataset('[{"tools": 3, "conversations": []}]', 'c.json');
    expect(wrong).toThrow(UserError);
    expect(wrong).toThrow(/^c\.json is not a ToolBench-format test file: Dialogue 0: "tools" must be/);
  });
});
