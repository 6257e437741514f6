import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../agent/errors.ts';
import { loadAgentTools } from './agent-tools.ts';

describe('loadAgentTools', () => {
  it('starts the demo API on a free port when no document is given, and stops it on close', async () => {
    const tools = await loadAgentTools(undefined);
    expect(tools.api).toBe('demo');
    expect(tools.tools.map((tool) => tool.name)).toContain('getweather_for_demo');
    expect(tools.source).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/demo-api\/openapi\.json$/);
    expect((await fetch(tools.source)).ok).toBe(true);
    await tools.close();
    await expect(fetch(tools.source)).rejects.toThrow();
  });

  it('refuses a document without operations, pointing at `umi tools` to see why', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'umi-tools-')), 'empty.json');
    await writeFile(
      file,
      JSON.stringify({ openapi: '3.0.3', info: { title: 'x', version: '1' }, paths: {} }),
    );
    const loading = loadAgentTools(file);
    await expect(loading).rejects.toThrow(UserError);
    await expect(loadAgentTools(file)).rejects.toThrow(/gave no usable tools[\s\S]*umi -- tools --openapi/);
  });
});
