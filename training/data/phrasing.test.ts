import { describe, expect, it } from 'vitest';
import { WORDS } from './data-files.ts';
import { fillSlots, phrase } from './phrasing.ts';
import { Rng } from './rng.ts';

const { prefixes, suffixes } = WORDS.trainWrappers;
const wrapped = (text: string) =>
  prefixes.some((prefix) => text.toLowerCase().startsWith(prefix.toLowerCase())) ||
  suffixes.some((suffix) => text.toLowerCase().endsWith(suffix.toLowerCase().trimEnd()));

describe('phrase', () => {
  it('wraps some training requests in a greeting or thanks, keeping the slot values', () => {
    const rng = new Rng(7);
    const texts = Array.from({ length: 400 }, () => phrase(rng, 'train', 'weather', { city: 'Oslo' }).text);
    const share = texts.filter(wrapped).length / texts.length;
    expect(share).toBeGreaterThan(0.1);
    expect(share).toBeLessThan(0.4);
    for (const text of texts) expect(text.toLowerCase()).toContain('oslo');
  });

  it('never wraps out-of-domain requests or small talk', () => {
    const rng = new Rng(7);
    const unwrappedLength = (said: ReturnType<typeof phrase>) =>
      said.text.length <= fillSlots(said.template, said.slots).length;
    for (let index = 0; index < 300; index++) {
      expect(unwrappedLength(phrase(rng, 'ood', 'weather', { city: 'Oslo' }))).toBe(true);
      for (const group of ['greeting', 'thanks', 'capabilities'])
        expect(unwrappedLength(phrase(rng, 'train', group))).toBe(true);
    }
  });
});
