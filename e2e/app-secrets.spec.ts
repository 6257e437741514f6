import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, type Page, test } from '@playwright/test';

/**
 * An API key set in the app never shows up anywhere but the request it authenticates: not in the page,
 * the console, the stored sessions (IndexedDB, everything but the secrets' own entries), the three exports,
 * the models' prompts or an error — even though the API echoes it in every response body.
 */
const SECRET = 'sk-vault-5Gd81Qx7Rm2Lp9Zt';
/** A revoked key, set later: the API's 401 echoes it in its error body. */
const WRONG = 'sk-vault-revoked-Hk38Wq0Zn5';
const FORMS = [SECRET, WRONG].flatMap((key) => [key, Buffer.from(key).toString('base64')]);

let server: Server;
let origin = '';
const keysReceived: string[] = [];

/** The demo API behind a key: each response echoes the key it got, as careless APIs do. */
async function vaultProxy(appOrigin: string) {
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const cors = {
      'access-control-allow-origin': '*',
      'access-control-allow-headers': 'x-api-key, content-type',
      'access-control-allow-methods': 'GET, POST, PATCH, DELETE',
    };
    if (request.method === 'OPTIONS') {
      response.writeHead(204, cors);
      response.end();
      return;
    }
    const key = String(request.headers['x-api-key'] ?? '');
    keysReceived.push(key);
    if (key !== SECRET) {
      response.writeHead(401, { ...cors, 'content-type': 'text/plain' });
      response.end(`Key "${key}" is not valid (base64 ${Buffer.from(key).toString('base64')})`);
      return;
    }
    const upstream = await fetch(`${appOrigin}/demo-api${request.url ?? '/'}`, {
      method: request.method ?? 'GET',
    });
    const body = (await upstream.json()) as unknown;
    const echo = (value: unknown) =>
      value !== null && typeof value === 'object' && !Array.isArray(value)
        ? { ...value, served_for: `key ${key}` }
        : value;
    const echoed = Array.isArray(body) ? body.map(echo) : echo(body);
    response.writeHead(upstream.status, { ...cors, 'content-type': 'application/json' });
    response.end(JSON.stringify(echoed));
  };
  server = createServer((request, response) => {
    handle(request, response).catch((error: Error) => {
      response.writeHead(502);
      response.end(error.message);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

test.afterAll(() => {
  server?.close();
});

/** The demo API's document, served by the vault and guarded by an API key. */
async function vaultDocument(): Promise<string> {
  const document = JSON.parse(await readFile('src/demo-api/openapi.json', 'utf8'));
  document.servers = [{ url: origin }];
  document.components = {
    ...document.components,
    securitySchemes: { vaultKey: { type: 'apiKey', in: 'header', name: 'x-api-key' } },
  };
  document.security = [{ vaultKey: [] }];
  return JSON.stringify(document);
}

/** Every IndexedDB database of the page as text, without the entries that hold secrets by design. */
async function indexedDbText(page: Page): Promise<string> {
  return page.evaluate(`(async () => {
    const dump = [];
    for (const info of await indexedDB.databases()) {
      const db = await new Promise((resolve, reject) => {
        const request = indexedDB.open(info.name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      for (const name of db.objectStoreNames) {
        const store = db.transaction(name).objectStore(name);
        const keys = await new Promise((resolve) => { const r = store.getAllKeys(); r.onsuccess = () => resolve(r.result); });
        const values = await new Promise((resolve) => { const r = store.getAll(); r.onsuccess = () => resolve(r.result); });
        keys.forEach((key, index) => {
          if (!String(key).startsWith('secret:')) dump.push(info.name + '/' + name + '/' + String(key) + ' ' + JSON.stringify(values[index]));
        });
      }
      db.close();
    }
    return dump.join('\\n');
  })()`);
}

async function download(page: Page, button: string): Promise<string> {
  const downloaded = page.waitForEvent('download');
  await page.getByRole('button', { name: button, exact: true }).click();
  const path = await (await downloaded).path();
  return readFile(path, 'utf8');
}

test('an API key never leaves the request: not in the page, console, stored runs, exports, prompts or errors', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(3 * 60_000);
  await vaultProxy(baseURL as string);
  const consoleText: string[] = [];
  page.on('console', (message) => consoleText.push(message.text()));
  page.on('pageerror', (error) => consoleText.push(error.message));

  await page.goto('/');
  const tools = page.getByRole('region', { name: 'Tools' });
  await tools.getByRole('textbox', { name: 'Or paste a document' }).fill(await vaultDocument());
  await tools.getByRole('button', { name: 'Import pasted' }).click();
  const field = tools.getByRole('textbox', { name: /^demo: vaultKey/ });
  await field.fill(SECRET);
  await tools.getByRole('button', { name: 'Save' }).click();
  await expect(field).toHaveAttribute('placeholder', 'saved; type to replace');

  const trajectory = page.getByRole('region', { name: 'Trajectory' });
  const run = async (task: string) => {
    await page.getByRole('textbox', { name: 'Task' }).fill(task);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(trajectory.getByText(/^Status: (answered|gave up|failed|stopped)/)).toBeVisible({
      timeout: 120_000,
    });
  };
  await run("What's the weather in Lausanne?");
  // The key was really sent, and the API echoed it into what the models read.
  expect(keysReceived.length).toBeGreaterThan(0);
  expect(keysReceived.every((key) => key === SECRET)).toBe(true);
  const exports = [
    await download(page, 'Export JSON'),
    await download(page, 'Export ToolBench dialogue'),
    await download(page, 'Export α-UMi samples'),
  ];
  // A revoked key: the API's 401 body echoes it, and the failed call the models read must not.
  await field.fill(WRONG);
  await tools.getByRole('button', { name: 'Save' }).click();
  await run('Show me my todo list.');
  expect(keysReceived.at(-1)).toBe(WRONG);
  await expect(trajectory.getByRole('listitem', { name: /API call/ }).first()).toContainText('HTTP 401');
  exports.push(await download(page, 'Export JSON'));
  const stored = await indexedDbText(page);
  expect(stored).toContain('served_for');
  const places: [string, string][] = [
    ['page', await page.content()],
    ['console', consoleText.join('\n')],
    ['stored sessions', stored],
    ['run export', exports[0] as string],
    ['ToolBench export', exports[1] as string],
    ['α-UMi samples export', exports[2] as string],
    ['failed run export', exports[3] as string],
  ];
  for (const [place, text] of places)
    for (const form of FORMS) expect(text.includes(form), `${place} holds ${form}`).toBe(false);
  // The prompts (in the run export) show where the API echoed it: masked.
  expect(exports[0]).toContain('served_for');
  expect(exports[0]).toContain('***');
});
