import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../agent/json.ts';
import { importToolBench } from './toolbench-import.ts';

function fixture(path: string): unknown {
  return JSON.parse(
    readFileSync(fileURLToPath(new URL(`../../../fixtures/${path}`, import.meta.url)), 'utf8'),
  );
}

const trainPlanner = fixture('alpha-umi/train-example/train_planner.json') as { tools: JsonObject[] }[];

describe('importToolBench', () => {
  it('builds doc objects identical to the MoodRing tools of the reference training data', () => {
    const result = importToolBench(fixture('toolbench/moodring.json'));
    const reference = trainPlanner.find((sample) =>
      sample.tools.some((tool) => tool.Name === 'quizzes_for_moodring'),
    );
    expect(result.problems).toEqual([]);
    expect(result.api).toBe('MoodRing');
    expect(result.tools.map((tool) => tool.doc)).toEqual(reference?.tools);
  });

  it('keys the parameters schema by renamed arguments and keeps the API names in the HTTP binding', () => {
    const [search, , save] = importToolBench(fixture('toolbench/travel-planner.json')).tools;
    expect(search?.parameters).toMatchObject({
      type: 'object',
      properties: {
        is_from: { type: 'string' },
        adults: { type: 'number', examples: [1] },
        nonstop: { type: 'boolean' },
      },
      required: ['is_from', 'to', 'date'],
    });
    expect(
      search?.http?.parameters.map((parameter) => [parameter.argument, parameter.name, parameter.in]),
    ).toEqual([
      ['is_from', 'from', 'query'],
      ['to', 'to', 'query'],
      ['date', 'date', 'query'],
      ['adults', 'adults', 'query'],
      ['nonstop', 'nonStop', 'query'],
    ]);
    expect(search?.doc.input).toMatchObject({
      is_from: 'string, IATA code of the departure airport.',
      adults: 'integer, Number of adult passengers.',
    });
    expect(save?.http?.parameters.map((parameter) => [parameter.argument, parameter.in])).toEqual([
      ['is_id', 'path'],
      ['flights', 'body'],
      ['is_class', 'body'],
    ]);
  });

  it('binds to the URL: origin as server, path as path, GET read-only and POST mutating with a JSON body', () => {
    const [search, airports, save] = importToolBench(fixture('toolbench/travel-planner.json')).tools;
    expect(search?.http).toMatchObject({
      method: 'GET',
      path: '/flights/search',
      servers: ['https://travel-planner.p.rapidapi.com'],
      security: [[{ id: 'rapidapi', type: 'apiKey', in: 'header', name: 'X-RapidAPI-Key' }]],
    });
    expect(search?.mutating).toBe(false);
    expect(airports?.doc.input).toEqual({});
    expect(airports?.parameters).toEqual({
      type: 'object',
      properties: { country: { type: 'string', description: 'ISO 3166 country code.', examples: ['GB'] } },
    });
    expect(save?.http).toMatchObject({
      method: 'POST',
      path: '/itineraries/{id}',
      bodyContentType: 'application/json',
    });
    expect(save?.mutating).toBe(true);
  });

  it('accepts a single tool object and a list of them', () => {
    const single = importToolBench(fixture('toolbench/moodring.json'));
    const list = importToolBench([
      fixture('toolbench/moodring.json'),
      ...(fixture('toolbench/travel-planner.json') as unknown[]),
    ]);
    expect(list.tools).toHaveLength(single.tools.length + 3);
    expect(list.api).toBe('MoodRing, Travel Planner');
  });

  it('builds a tool without HTTP binding when the API has no URL', () => {
    const result = importToolBench({
      tool_name: 'Local',
      api_list: [{ name: 'Echo', required_parameters: [] }],
    });
    expect(result.tools[0]).toMatchObject({ name: 'echo_for_local', mutating: false });
    expect(result.tools[0]?.http).toBeUndefined();
  });

  it('reports what is wrong with its location instead of throwing', () => {
    const result = importToolBench([
      { api_list: [] },
      {
        tool_name: 'Broken',
        api_list: [
          { description: 'no name' },
          { name: 'Ok', required_parameters: [{ type: 'STRING' }] },
          { name: 'OK', required_parameters: 'nope' },
        ],
      },
    ]);
    expect(result.problems).toEqual([
      {
        severity: 'error',
        location: '[0].tool_name',
        message: 'not a ToolBench tool: "tool_name" is missing',
      },
      { severity: 'error', location: '[1].api_list[0]', message: 'API has no "name"; it is left out' },
      {
        severity: 'error',
        location: '[1].api_list[1].required_parameters[0]',
        message: 'parameter has no "name"; it is left out',
      },
      {
        severity: 'error',
        location: '[1].api_list[2].required_parameters',
        message: 'must be a list of parameters',
      },
      {
        severity: 'error',
        location: '[1].api_list[2]',
        message: 'duplicate tool name "ok_for_broken" (also at [1].api_list[1]); only the first is imported',
      },
    ]);
    expect(result.tools.map((tool) => tool.name)).toEqual(['ok_for_broken']);
  });

  it('reports an input with no tools at all', () => {
    expect(importToolBench('not a tool').problems.map((problem) => problem.message)).toEqual([
      'not a ToolBench tool: "tool_name" is missing',
      'no API could be imported, so there are no tools',
    ]);
  });
});
