import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';

/**
 * An API on another origin whose OpenAPI document is readable cross-origin (it sends CORS headers)
 * but whose operation does not: the call reaches the server and the browser blocks the response.
 */
async function startApiWithoutCors(): Promise<{ origin: string; hits: string[]; server: Server }> {
  const hits: string[] = [];
  const server = createServer((request, response) => {
    hits.push(request.url ?? '');
    if (request.url === '/openapi.json') {
      const { port } = server.address() as AddressInfo;
      response.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
      response.end(
        JSON.stringify({
          openapi: '3.0.3',
          info: { title: 'quotes', version: '1.0.0' },
          servers: [{ url: `http://127.0.0.1:${port}` }],
          paths: {
            '/quote': {
              get: {
                operationId: 'getQuote',
                summary: 'A random quote.',
                responses: { '200': { description: 'ok' } },
              },
            },
          },
        }),
      );
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"quote": "no CORS here"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, hits, server };
}

test('a call to an API on another origin without CORS headers is explained to the user', async ({ page }) => {
  const api = await startApiWithoutCors();
  try {
    await page.goto('/');
    await page.getByLabel('OpenAPI document URL').fill(`${api.origin}/openapi.json`);
    await page.getByRole('button', { name: 'Load', exact: true }).click();
    await expect(page.getByLabel('Operation of quotes')).toHaveValue('getquote_for_quotes');
    await page.getByRole('button', { name: 'Call' }).click();

    const alert = page.getByRole('alert');
    await expect(alert).toContainText(
      `Could not reach ${api.origin}: the browser blocked the response (CORS).`,
    );
    const pageOrigin = new URL(page.url()).origin;
    await expect(alert).toContainText(`Access-Control-Allow-Origin: ${pageOrigin}`);
    await expect(alert).toContainText('or be served from the same origin as this page');
    expect(api.hits).toContain('/quote');
    await page.screenshot({ path: 'test-results/cors-explanation.png', fullPage: true });
  } finally {
    api.server.close();
  }
});
