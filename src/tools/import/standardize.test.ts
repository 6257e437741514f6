import { describe, expect, it } from 'vitest';
import { argumentName, functionName, NAME_LIMIT, renameReserved, standardize } from './standardize.ts';

describe('standardize', () => {
  it('replaces every other character by "_", collapses runs, lower-cases and trims "_"', () => {
    expect(standardize('Geolocation Simulation for Mobile Apps')).toBe(
      'geolocation_simulation_for_mobile_apps',
    );
    expect(standardize('  --Find  pet by ID!!  ')).toBe('find_pet_by_id');
    expect(standardize('user.name[first]')).toBe('user_name_first');
    expect(standardize('quizId')).toBe('quizid');
  });

  it('keeps "^" (a quirk of the reference character class) and CJK ideographs U+4E00–U+9FA5', () => {
    expect(standardize('a^b')).toBe('a^b');
    expect(standardize('天气 API')).toBe('天气_api');
    expect(standardize('\u9fa5\u9fa6')).toBe('\u9fa5'); // U+9FA6 is outside the kept range
  });

  it('prefixes "get_" when the result starts with a digit', () => {
    expect(standardize('3D Models')).toBe('get_3d_models');
    expect(standardize('_2fa')).toBe('get_2fa');
  });

  it('turns an astral character into one "_", not two', () => {
    expect(standardize('a😀b')).toBe('a_b');
    expect(standardize('😀')).toBe('');
  });

  it('gives an empty string for text with nothing kept', () => {
    expect(standardize('?!')).toBe('');
    expect(standardize('')).toBe('');
  });
});

describe('renameReserved and argumentName', () => {
  it('prefixes from, class, return, false, true, id and and with "is_"', () => {
    for (const name of ['from', 'class', 'return', 'false', 'true', 'id', 'and']) {
      expect(renameReserved(name)).toBe(`is_${name}`);
    }
    expect(renameReserved('ids')).toBe('ids');
    expect(renameReserved('to')).toBe('to');
  });

  it('standardizes before renaming, so "ID" and "Id" become "is_id"', () => {
    expect(argumentName('ID')).toBe('is_id');
    expect(argumentName('Id')).toBe('is_id');
    expect(argumentName('petId')).toBe('petid');
    expect(argumentName('X-Request-ID')).toBe('x_request_id');
  });
});

describe('functionName', () => {
  it('joins the API and tool names with "_for_"', () => {
    expect(functionName('Video Details', 'Bing Video Search')).toBe('video_details_for_bing_video_search');
  });

  it('renames a reserved API name like ToolBench does', () => {
    expect(functionName('id', 'Some Tool')).toBe('is_id_for_some_tool');
  });

  it('keeps the last 64 code points of a long name', () => {
    const name = functionName('List all simulations of a group', 'Geolocation Simulation for Mobile Apps');
    expect(name).toBe('imulations_of_a_group_for_geolocation_simulation_for_mobile_apps');
    expect(name.length).toBe(NAME_LIMIT);
  });

  it('counts code points when cutting, so CJK names keep 64 characters', () => {
    const name = functionName('查询'.repeat(40), 'tool');
    expect(Array.from(name)).toHaveLength(64);
    expect(name.endsWith('_for_tool')).toBe(true);
  });
});
