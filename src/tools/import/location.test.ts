import { describe, expect, it } from 'vitest';
import {
  describeSite,
  dottedPath,
  jsonPointer,
  parsePointer,
  pointerSegments,
  relativeUrl,
} from './location.ts';

describe('locations', () => {
  it('writes readable dotted paths, quoting keys with dots, brackets or spaces', () => {
    expect(dottedPath(['paths', '/pets', 'get', 'parameters', 0])).toBe('paths./pets.get.parameters[0]');
    expect(dottedPath(['paths', '/v1.0/pets', 'get'])).toBe('paths["/v1.0/pets"].get');
    expect(dottedPath([0, 'api_list', 2])).toBe('[0].api_list[2]');
    expect(dottedPath([])).toBe('(root)');
  });

  it('escapes and parses JSON pointers', () => {
    expect(jsonPointer(['paths', '/a~b', 0])).toBe('/paths/~1a~0b/0');
    expect(parsePointer('#/paths/~1a~0b/0')).toEqual(['paths', '/a~b', '0']);
    expect(parsePointer('#/components/schemas/Caf%C3%A9')).toEqual(['components', 'schemas', 'Café']);
    expect(parsePointer('#Pet')).toBeUndefined();
    expect(parsePointer('')).toEqual([]);
  });

  it('turns a validator pointer into segments, array indexes as numbers', () => {
    const doc = { paths: { '/x': { get: { parameters: [{}] } } } };
    expect(pointerSegments('#/paths/~1x/get/parameters/0', doc)).toEqual([
      'paths',
      '/x',
      'get',
      'parameters',
      0,
    ]);
  });

  it('names other files relative to the root document', () => {
    const root = 'file:///api/spec/swagger.yaml';
    expect(relativeUrl('file:///api/common/Error.yaml', root)).toBe('../common/Error.yaml');
    expect(relativeUrl('file:///api/spec/Pet.yaml', root)).toBe('Pet.yaml');
    expect(relativeUrl('https://x.example.com/a.yaml', root)).toBe('https://x.example.com/a.yaml');
    expect(describeSite({ url: 'file:///api/spec/Pet.yaml', path: ['properties', 'id'] }, root)).toBe(
      'Pet.yaml#/properties/id',
    );
    expect(describeSite({ url: root, path: ['info'] }, root)).toBe('info');
  });
});
