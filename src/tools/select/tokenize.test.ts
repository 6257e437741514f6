import { describe, expect, it } from 'vitest';
import { buildBm25 } from './bm25.ts';
import { segmentWord, splitWords, stem, tokenize } from './tokenize.ts';

describe('tokenize', () => {
  it('splits camelCase, acronyms, snake_case, kebab-case and digits', () => {
    expect(splitWords('getCurrentWeather HTTPServer v2Api list_invoices delete-user')).toEqual([
      'get',
      'current',
      'weather',
      'http',
      'server',
      'v',
      '2',
      'api',
      'list',
      'invoices',
      'delete',
      'user',
    ]);
  });

  it('stems inflections of one word to the same term', () => {
    const groups = [
      ['invoice', 'invoices', 'invoicing'],
      ['create', 'created', 'creating', 'creates'],
      ['rate', 'rated', 'rating', 'rates'],
      ['stop', 'stopped', 'stopping', 'stops'],
      ['category', 'categories'],
      ['search', 'searches', 'searching', 'searched'],
      ['cancel', 'cancelled', 'canceled', 'cancels'],
    ];
    for (const group of groups) expect(new Set(group.map(stem)).size).toBe(1);
    expect(stem('late')).not.toBe(stem('lat'));
    expect(stem('status')).toBe('status');
    expect(stem('string')).toBe('string');
  });

  it('drops stopwords and single letters', () => {
    expect(tokenize('Will it rain in Paris tomorrow?')).toEqual(['rain', 'paris', 'tomorrow']);
  });

  it('splits run-together names into known words when given a vocabulary', () => {
    const vocabulary = new Set(['get', 'current', 'weather', 'open', 'cur', 'rent']);
    expect(segmentWord('getcurrentweather', vocabulary)).toEqual(['get', 'current', 'weather']);
    expect(segmentWord('openweatherxyz', vocabulary)).toEqual(['open', 'weather', 'xyz']);
    expect(tokenize('getcurrentweather_for_openweather', vocabulary)).toEqual([
      'get',
      'current',
      'weather',
      'open',
      'weather',
    ]);
  });
});

describe('buildBm25', () => {
  it('scores rare terms above common ones and shorter matching documents higher', () => {
    const index = buildBm25([
      ['get', 'weather'],
      ['get', 'invoice'],
      ['get', 'invoice', 'list', 'page', 'filter', 'sort'],
    ]);
    const [weather = 0, invoice = 0, longInvoice = 0] = index.score(new Map([['invoice', 1]]));
    expect(weather).toBe(0);
    expect(invoice).toBeGreaterThan(longInvoice);
    const [common = 0] = index.score(new Map([['get', 1]]));
    const [rare = 0] = index.score(new Map([['weather', 1]]));
    expect(rare).toBeGreaterThan(common);
  });

  it('weights query terms', () => {
    const index = buildBm25([['weather'], ['forecast']]);
    const [full = 0, synonym = 0] = index.score(
      new Map([
        ['weather', 1],
        ['forecast', 0.4],
      ]),
    );
    expect(synonym).toBeCloseTo(full * 0.4);
  });
});
