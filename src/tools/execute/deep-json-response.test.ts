import { describe, expect, it } from 'vitest';
import { toolResultObservation } from '../../agent/observation.ts';
import { expectSuccess, httpTool, signal } from '../../testing/http-test-api.ts';
import { startTestServer } from '../../testing/http-test-server.ts';
import { createHttpExecutor } from './http-executor.ts';

describe('a JSON response nested too deep (fuzzing regression)', () => {
  it('hands a JSON body nested 5,000 deep to the model as its text, cut, instead of overflowing the stack', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const server = await startTestServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(deep);
    });
    try {
      const tool = httpTool('deep', 'GET', '/deep', [], { servers: [`${server.origin}/v1`] });
      const result = expectSuccess(
        await createHttpExecutor({ tools: [tool] })({ name: 'deep', arguments: {} }, signal),
      );
      expect(result).toMatchObject({ isJson: false, body: deep });
      expect(toolResultObservation(result)).toBe(`${'['.repeat(1024)}...`);
    } finally {
      await server.close();
    }
  });
});
