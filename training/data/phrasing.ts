import { type PoolSide, TEMPLATES, WORDS } from './data-files.ts';
import type { Rng } from './rng.ts';

/** A user instruction made from a template, with the slot values exactly as they appear in it. */
export interface Phrase {
  text: string;
  group: string;
  /** The template as written in templates.json (before noise). */
  template: string;
  /** Slot values after noise (lower-cased when the whole text was). */
  slots: Record<string, string>;
  /** Identifies the combination: group, template and slot values (before noise). */
  key: string;
}

/** The templates of a group for a side; throws for an unknown group. */
export function templatesOf(group: string, side: PoolSide): string[] {
  const list = TEMPLATES[group];
  if (list === undefined) throw new Error(`No templates for group "${group}"`);
  return side === 'train' ? list.train : list.ood;
}

/** Swaps two adjacent inner letters of one longer template word (never inside a slot). */
function typo(rng: Rng, template: string): string {
  const words = template.split(' ');
  const candidates = words
    .map((word, index) => ({ word, index }))
    .filter(({ word }) => /^[A-Za-z]{5,}$/.test(word));
  if (candidates.length === 0) return template;
  const { word, index } = rng.pick(candidates);
  const at = rng.int(1, word.length - 3);
  words[index] = word.slice(0, at) + (word[at + 1] ?? '') + (word[at] ?? '') + word.slice(at + 2);
  return words.join(' ');
}

/** Fills `{slot}` placeholders literally (no `$` expansion). */
export function fillSlots(template: string, slots: Readonly<Record<string, string>>): string {
  let text = template;
  for (const [name, value] of Object.entries(slots)) text = text.split(`{${name}}`).join(value);
  return text;
}

/** Groups whose whole message is small talk: a greeting or thanks around it would change its meaning. */
const UNWRAPPED_GROUPS = new Set(['greeting', 'thanks', 'capabilities']);

/** Sometimes puts a greeting before the request or thanks after it; training side only. */
function wrap(rng: Rng, side: PoolSide, group: string, template: string): string {
  if (side !== 'train' || UNWRAPPED_GROUPS.has(group)) return template;
  const { prefixes, suffixes } = WORDS.trainWrappers;
  let text = template;
  if (rng.chance(0.15)) {
    // "What's …" reads "hey, what's …"; "I'm …" and "{city} …" keep their first letter.
    const lower = /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
    text = rng.pick(prefixes) + lower;
  }
  if (rng.chance(0.1)) text = text + rng.pick(suffixes);
  return text;
}

/** A phrasing of `group` with these slot values: a random template of the side, plus light noise. */
export function phrase(
  rng: Rng,
  side: PoolSide,
  group: string,
  slots: Readonly<Record<string, string>> = {},
): Phrase {
  const template = rng.pick(templatesOf(group, side));
  const key = `${group}|${template}|${JSON.stringify(slots)}`;
  const wrapped = wrap(rng, side, group, template);
  const noisy = rng.chance(0.06) ? typo(rng, wrapped) : wrapped;
  const lower = rng.chance(0.1);
  const finalSlots: Record<string, string> = {};
  for (const [name, value] of Object.entries(slots)) finalSlots[name] = lower ? value.toLowerCase() : value;
  let text = fillSlots(lower ? noisy.toLowerCase() : noisy, finalSlots);
  if (rng.chance(0.12)) text = text.replace(/[.?!]+$/, '');
  return { text, group, template, slots: finalSlots, key };
}
