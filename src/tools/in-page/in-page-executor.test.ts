import { describe, expect, it } from 'vitest';
import type { ToolExecutor } from '../tool.ts';
import { createInPageExecutor, routeCalls } from './in-page-executor.ts';
import { type InPageToolDefinition, inPageTool } from './in-page-tool.ts';

const page = { title: 'Draft', saved: [] as string[] };

const TOOLS: InPageToolDefinition[] = [
  {
    name: 'read_title',
    description: "Reads the page's title.",
    parameters: { type: 'object', properties: {} },
    execute: () => ({ title: page.title }),
  },
  {
    name: 'set_title',
    description: "Changes the page's title.",
    parameters: {
      type: 'object',
      properties: { title: { type: 'string', description: 'The new title.', minLength: 1 } },
      required: ['title'],
    },
    execute: (args) => {
      page.title = String(args.title);
      return `Title set to ${page.title}`;
    },
    mutating: true,
  },
  {
    name: 'broken',
    description: 'Throws.',
    parameters: { type: 'object', properties: {} },
    execute: () => {
      throw new Error('element #cart not found');
    },
  },
  {
    name: 'cyclic',
    description: 'Returns something that is not JSON.',
    parameters: { type: 'object', properties: {} },
    execute: () => {
      const value: Record<string, unknown> = {};
      value.self = value;
      return value;
    },
  },
  {
    name: 'slow',
    description: 'Never answers.',
    parameters: { type: 'object', properties: {} },
    execute: () => new Promise(() => undefined),
  },
];

const signal = new AbortController().signal;

describe('in-page tools', () => {
  it('describes a page function to the models as an α-UMi doc, marked mutating when it changes things', () => {
    const tool = inPageTool(TOOLS[1] as InPageToolDefinition);
    expect(tool.doc).toEqual({
      Name: 'set_title',
      function: "Changes the page's title.",
      input: { title: 'string, The new title.' },
    });
    expect(tool.mutating).toBe(true);
    expect(() => inPageTool({ ...(TOOLS[0] as InPageToolDefinition), name: 'read title' })).toThrow(
      /not usable/,
    );
  });

  it('runs a page function and returns its JSON result', async () => {
    const execute = createInPageExecutor({ tools: TOOLS });
    expect(await execute({ name: 'read_title', arguments: {} }, signal)).toMatchObject({
      ok: true,
      body: { title: 'Draft' },
      isJson: true,
    });
  });

  it('asks before a mutating function runs, and does not run it when refused', async () => {
    const asked: string[] = [];
    const refuse = createInPageExecutor({
      tools: TOOLS,
      confirm: async (request) => {
        asked.push(`${request.method} ${request.url} ${JSON.stringify(request.arguments)}`);
        return false;
      },
    });
    expect(await refuse({ name: 'set_title', arguments: { title: 'Final' } }, signal)).toMatchObject({
      ok: false,
      error: 'The user did not allow this call.',
    });
    expect(page.title).toBe('Draft');
    expect(asked).toEqual(['CALL page:set_title {"title":"Final"}']);
    const allow = createInPageExecutor({ tools: TOOLS, confirm: async () => true });
    expect(await allow({ name: 'set_title', arguments: { title: 'Final' } }, signal)).toMatchObject({
      ok: true,
      body: 'Title set to Final',
      isJson: false,
    });
    expect(page.title).toBe('Final');
  });

  it('turns bad arguments, a throwing function, a non-JSON result and a timeout into failed calls', async () => {
    const execute = createInPageExecutor({ tools: TOOLS, confirm: async () => true, timeoutMs: 50 });
    expect(await execute({ name: 'set_title', arguments: {} }, signal)).toMatchObject({
      ok: false,
      invalidArguments: true,
    });
    expect(await execute({ name: 'broken', arguments: {} }, signal)).toMatchObject({
      ok: false,
      error: 'broken failed in the page: element #cart not found',
    });
    expect(await execute({ name: 'cyclic', arguments: {} }, signal)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^cyclic ran, but its result is not JSON/),
    });
    expect(await execute({ name: 'slow', arguments: {} }, signal)).toMatchObject({
      ok: false,
      error: 'slow did not finish within 50 ms.',
    });
  });

  it('rejects with an abort when the run is stopped during a call', async () => {
    const execute = createInPageExecutor({ tools: TOOLS });
    const controller = new AbortController();
    const pending = execute({ name: 'slow', arguments: {} }, controller.signal);
    controller.abort();
    await expect(pending).rejects.toThrow(/abort/i);
  });

  it('sends each call to the executor that has its name', async () => {
    const rest: ToolExecutor = async (call) => ({
      ok: true,
      body: `rest ${call.name}`,
      isJson: false,
      durationMs: 0,
    });
    const execute = routeCalls(new Set(['read_title']), createInPageExecutor({ tools: TOOLS }), rest);
    expect(await execute({ name: 'read_title', arguments: {} }, signal)).toMatchObject({
      body: { title: 'Final' },
    });
    expect(await execute({ name: 'getweather_for_demo', arguments: {} }, signal)).toMatchObject({
      body: 'rest getweather_for_demo',
    });
  });
});
