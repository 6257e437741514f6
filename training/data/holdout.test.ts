import { describe, expect, it } from 'vitest';
import { TEMPLATES } from './data-files.ts';
import { buildPools, heldOutTerms, pseudoName } from './entities.ts';
import { HeldOutMatcher } from './holdout.ts';
import { Rng } from './rng.ts';
import { smallDataset } from './test-dataset.ts';
import { todoText } from './todo-texts.ts';

describe('the out-of-domain split', () => {
  it('holds out templates that no training group uses', () => {
    const train = new Set(Object.values(TEMPLATES).flatMap((list) => list.train));
    for (const [group, list] of Object.entries(TEMPLATES)) {
      expect(list.ood.length, group).toBeGreaterThan(0);
      for (const template of list.ood) expect(train.has(template), template).toBe(false);
    }
  });

  it('draws from entity pools disjoint from training, made-up names included', () => {
    const train = buildPools('train');
    const ood = buildPools('ood');
    const names = (pools: typeof train) => [
      ...pools.cities.map((city) => city.name),
      ...pools.countries.map((country) => country.name),
      ...pools.currencies.map((currency) => currency.code),
      ...pools.persons,
      ...pools.companies,
      ...pools.unknownCurrencies,
      ...pools.pseudoCountries,
    ];
    const trainNames = new Set(names(train));
    for (const name of names(ood)) expect(trainNames.has(name), name).toBe(false);
    expect(train.cities.length).toBeGreaterThanOrEqual(250);
    const rng = new Rng(1);
    const trainPseudo = new Set(Array.from({ length: 2000 }, () => pseudoName(rng, 'train')));
    for (let index = 0; index < 2000; index++) expect(trainPseudo.has(pseudoName(rng, 'ood'))).toBe(false);
    const matcher = new HeldOutMatcher();
    for (let index = 0; index < 500; index++) {
      expect(matcher.find(todoText(rng, 'ood')), 'an ood todo text has a held-out word').toBeDefined();
      expect(matcher.find(todoText(rng, 'train'))).toBeUndefined();
    }
  });

  it('shares no held-out template or entity with train, and the in-domain test no combination', async () => {
    const dataset = await smallDataset();
    const train = dataset.splits.train.tasks;
    const ood = dataset.splits['test-out-of-domain'].tasks;
    const trainTemplates = new Set(train.map((task) => task.meta.template));
    for (const task of ood) expect(trainTemplates.has(task.meta.template), task.meta.template).toBe(false);
    const matcher = new HeldOutMatcher();
    for (const task of train)
      expect(matcher.findInDialogue(task.dialogue), task.dialogue.instruction).toBeUndefined();
    const trainEntities = new Set(
      train.flatMap((task) => task.meta.entities.map((value) => value.toLowerCase())),
    );
    for (const task of ood) {
      for (const entity of task.meta.entities) {
        if (/^\d/.test(entity)) continue; // amounts, ids, limits and dates are numbers, not entities
        expect(trainEntities.has(entity.toLowerCase()), `${entity} in "${task.dialogue.instruction}"`).toBe(
          false,
        );
      }
    }
    const trainKeys = new Set(train.map((task) => task.meta.key));
    for (const task of dataset.splits['test-in-domain'].tasks) {
      if (task.meta.entities.length > 0) expect(trainKeys.has(task.meta.key), task.meta.key).toBe(false);
    }
  });

  it('finds held-out terms as whole words only, names in any case and codes in upper case', () => {
    const matcher = new HeldOutMatcher({ names: ['Cork', 'Chiang Mai'], codes: ['PEN'] });
    expect(matcher.find('weather in cork?')).toBe('cork');
    expect(matcher.find('weather in Chiang Mai')).toBe('Chiang Mai');
    expect(matcher.find('a corkscrew and pens')).toBeUndefined();
    expect(matcher.find('100 PEN to USD')).toBe('PEN');
    expect(heldOutTerms().names).toContain('Gothenburg');
  });
});
