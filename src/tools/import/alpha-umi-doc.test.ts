import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../agent/json.ts';
import { pythonJsonDumps } from '../../agent/python-json.ts';
import {
  type DocInput,
  docObject,
  inputValue,
  openApiDoc,
  openApiFunction,
  toolBenchDoc,
  toolBenchFunction,
  toolBenchType,
} from './alpha-umi-doc.ts';

const TEST_SET = fileURLToPath(
  new URL('../../../fixtures/alpha-umi/test/out_of_domain.json', import.meta.url),
);
const dialogues = JSON.parse(readFileSync(TEST_SET, 'utf8')) as { tools: JsonObject[] }[];

/** The reference doc object with this Name in the out-of-domain test set (cut at 150). */
function reference(name: string): JsonObject {
  const found = dialogues.flatMap((dialogue) => dialogue.tools).find((tool) => tool.Name === name);
  if (found === undefined) throw new Error(`no tool ${name} in the test set`);
  return found;
}

function input(argument: string, type: string, description?: string): DocInput {
  return description === undefined ? { argument, type } : { argument, type, description };
}

/** The description of a test-set input value, without its "<type>, " head. */
function referenceDescription(name: string, argument: string): string {
  const value = reference(name).input;
  const text = (value as JsonObject)[argument];
  return typeof text === 'string' ? text.slice(text.indexOf(', ') + 2) : '';
}

describe('toolBenchDoc reproduces reference doc objects', () => {
  const testSet = { functionLimit: 150 };

  it('renames "id" to "is_id" and cuts the function at the test set length', () => {
    const api = {
      name: 'Video Details',
      description: 'Get insights about a video, such as related videos, the video owner and the thumbnails.',
      required: [input('modules', 'string', ''), input('is_id', 'string', '')],
      optional: [],
    };
    const doc = toolBenchDoc('Bing Video Search', api, testSet);
    expect(doc).toEqual(reference('video_details_for_bing_video_search'));
    expect(pythonJsonDumps(doc)).toBe(pythonJsonDumps(reference('video_details_for_bing_video_search')));
  });

  it('leaves out the description sentence when the API has none', () => {
    const api = {
      name: 'Get Order',
      description: '  ',
      required: [input('is_id', 'string', '')],
      optional: [],
    };
    expect(toolBenchDoc('Onboarding Project v3', api, testSet)).toEqual(
      reference('get_order_for_onboarding_project_v3'),
    );
  });

  it('keeps the last 64 code points of the Name', () => {
    const api = {
      name: 'List all simulations of a group',
      description: 'Enter groupID in the path.',
      required: [],
      optional: [],
    };
    const doc = toolBenchDoc('Geolocation Simulation for Mobile Apps', api, testSet);
    expect(doc).toEqual(reference('imulations_of_a_group_for_geolocation_simulation_for_mobile_apps'));
  });

  it('cuts argument descriptions to their first 256 code points, as the reference data shows', () => {
    const name = 'ec_for_arespass';
    const long = (argument: string) => `${referenceDescription(name, argument)} and more text past the cut.`;
    const api = {
      name: '/ec',
      description: '',
      required: [input('password', 'string', long('password'))],
      optional: [
        input('penalty', toolBenchType('NUMBER'), long('penalty')),
        input('outputformat', 'string', referenceDescription(name, 'outputformat')),
        input('reqid', 'string', long('reqid')),
      ],
    };
    expect(toolBenchDoc('AresPass', api, testSet)).toEqual(reference(name));
  });

  it('lists optional parameters only when there is a required one, like ToolBench', () => {
    const api = { name: 'Airports', required: [], optional: [input('country', 'string', 'Country code.')] };
    expect(toolBenchDoc('Travel', api).input).toEqual({});
    const withRequired = { ...api, required: [input('city', 'string', '')] };
    expect(toolBenchDoc('Travel', withRequired).input).toEqual({
      city: 'string, ',
      country: 'string, Country code.',
    });
  });

  it('replaces the raw API name inside the description by the full Name (a reference quirk)', () => {
    expect(toolBenchFunction('MoodRing', 'Quizzes', 'Retrieves all the MoodRing Quizzes.')).toBe(
      'This is the subfunction for tool "moodring", you can use this tool.' +
        'The description of this function is: "Retrieves all the MoodRing quizzes_for_moodring."',
    );
  });

  it('maps ToolBench types: NUMBER → integer, BOOLEAN → boolean, anything else → string', () => {
    expect([toolBenchType('NUMBER'), toolBenchType('BOOLEAN'), toolBenchType('STRING')]).toEqual([
      'integer',
      'boolean',
      'string',
    ]);
    expect([toolBenchType('ARRAY'), toolBenchType('DATE (YYYY-MM-DD)'), toolBenchType(undefined)]).toEqual([
      'string',
      'string',
      'string',
    ]);
  });
});

describe('input values and cuts', () => {
  it('writes "<type>, <description>" even for an empty description, and a bare type without one', () => {
    expect(inputValue(input('q', 'string', ''))).toBe('string, ');
    expect(inputValue(input('q', 'integer', 'How many.'))).toBe('integer, How many.');
    expect(inputValue(input('q', 'boolean'))).toBe('boolean');
  });

  it('counts code points, so astral characters are never split', () => {
    const emoji = '😀'.repeat(300);
    const value = inputValue(input('q', 'string', emoji));
    expect(Array.from(value)).toHaveLength('string, '.length + 256);
    expect(value.endsWith('😀')).toBe(true);
    const doc = docObject('n', '𝔸'.repeat(400), []);
    expect(Array.from(doc.function as string)).toHaveLength(256);
    expect(pythonJsonDumps(doc)).toContain('\\ud835\\udd38"');
  });
});

describe('openApiFunction', () => {
  it('joins summary and description with ". ", or a space after final punctuation', () => {
    expect(openApiFunction('Product Types', 'The Products endpoint returns products.')).toBe(
      'Product Types. The Products endpoint returns products.',
    );
    expect(openApiFunction('Create a tree.', 'Stores a tree.')).toBe('Create a tree. Stores a tree.');
    expect(openApiFunction('List: ', ' all pets')).toBe('List: all pets');
  });

  it('uses whichever is present, and one copy when both are the same', () => {
    expect(openApiFunction(undefined, 'Only a description')).toBe('Only a description');
    expect(openApiFunction('Only a summary', '')).toBe('Only a summary');
    expect(openApiFunction('Same', 'Same')).toBe('Same');
    expect(openApiFunction(undefined, undefined)).toBe('');
  });

  it('feeds a doc object whose function is cut to 256 code points', () => {
    const doc = openApiDoc('listpets_for_api', 'x'.repeat(300), [input('limit', 'integer')]);
    expect(doc).toEqual({ Name: 'listpets_for_api', function: 'x'.repeat(256), input: { limit: 'integer' } });
  });
});
