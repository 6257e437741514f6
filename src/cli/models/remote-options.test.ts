import { describe, expect, it } from 'vitest';
import { parseRemoteOptions } from './remote-options.ts';

describe('the remote engine options', () => {
  it('reads a base URL, models per role with their own servers, the server kind and the prefix choice', () => {
    const remote = parseRemoteOptions(
      {
        'base-url': 'http://gpu:8000/v1/',
        model: ['planner=alpha-umi-planner-7b', 'caller=alpha-umi-caller-7b@http://other:8001/v1'],
        server: 'vllm',
        'system-prefix': false,
      },
      {},
    );
    expect(remote).toEqual({
      baseUrl: 'http://gpu:8000/v1',
      roles: {
        planner: { model: 'alpha-umi-planner-7b' },
        caller: { model: 'alpha-umi-caller-7b', baseUrl: 'http://other:8001/v1' },
      },
      apiKey: undefined,
      server: 'vllm',
      systemPrefix: false,
    });
  });

  it('takes the API key from UMI_API_KEY when it is not given on the command line', () => {
    expect(parseRemoteOptions({}, { UMI_API_KEY: 'sk-env' }).apiKey).toBe('sk-env');
    expect(parseRemoteOptions({ 'api-key': 'sk-arg' }, { UMI_API_KEY: 'sk-env' }).apiKey).toBe('sk-arg');
  });

  it('refuses a model without a role, an unknown server kind and a URL that is not http', () => {
    expect(() => parseRemoteOptions({ model: ['alpha-umi-7b'] }, {})).toThrow(/is not <role>=<name>/);
    expect(() => parseRemoteOptions({ server: 'tgi' }, {})).toThrow(
      /--server takes llama.cpp, vllm, generic/,
    );
    expect(() => parseRemoteOptions({ 'base-url': 'gpu:8000' }, {})).toThrow(/not an http\(s\) URL/);
  });
});
