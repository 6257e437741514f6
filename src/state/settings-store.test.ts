import { describe, expect, it } from 'vitest';
import type { Tool } from '../tools/tool.ts';
import { memorySettingsStorage } from './settings-storage.ts';
import { createSettingsStore, secretKey, secretSlots } from './settings-store.ts';

/** A GET tool of `api` secured by the given schemes (alternatives of all-required lists). */
function securedTool(name: string, api: string, security: NonNullable<Tool['http']>['security']): Tool {
  return {
    name,
    api,
    description: name,
    parameters: { type: 'object', properties: {} },
    doc: { Name: name, function: name, input: {} },
    mutating: false,
    http: { method: 'GET', path: '/', servers: ['http://api.test'], parameters: [], security },
  };
}

describe('the settings store', () => {
  it('keeps the confirmation policy and the secrets across a reload, without putting secret values in its state', async () => {
    const storage = memorySettingsStorage();
    const first = createSettingsStore(storage);
    await first.getState().hydrate();
    expect(first.getState().confirmPolicy).toBe('ask');
    first.getState().setConfirmPolicy('deny');
    first.getState().setTheme('dark');
    await first.getState().setSecret('Weather', 'token', 'abc123');

    const reloaded = createSettingsStore(storage);
    await reloaded.getState().hydrate();
    expect(reloaded.getState()).toMatchObject({ confirmPolicy: 'deny', theme: 'dark' });
    expect(reloaded.getState().secretKeys).toEqual([secretKey('Weather', 'token')]);
    expect(JSON.stringify(reloaded.getState())).not.toContain('abc123');
    expect(await reloaded.getState().secrets.get('Weather', 'token')).toBe('abc123');

    await reloaded.getState().setSecret('Weather', 'token', '');
    expect(reloaded.getState().secretKeys).toEqual([]);
    expect(await reloaded.getState().secrets.get('Weather', 'token')).toBeUndefined();
  });

  it('ignores a stored policy or theme it does not know and keeps the defaults', async () => {
    const storage = memorySettingsStorage();
    await storage.savePreferences({ confirmPolicy: 'sometimes' as 'ask', theme: 'sepia' as 'light' });
    const settings = createSettingsStore(storage);
    await settings.getState().hydrate();
    expect(settings.getState()).toMatchObject({ confirmPolicy: 'ask', theme: 'system', problem: '' });
  });

  it('lists each secret the tools need once per API and scheme, and which are set', () => {
    const bearer = { id: 'token', type: 'http', scheme: 'bearer' } as const;
    const header = { id: 'key', type: 'apiKey', in: 'header', name: 'X-Key' } as const;
    const tools = [
      securedTool('a', 'Weather', [[bearer], [header]]),
      securedTool('b', 'Weather', [[bearer]]),
      securedTool('c', 'Maps', [[header]]),
      securedTool('d', 'Open', []),
    ];
    const slots = secretSlots(tools, [secretKey('Weather', 'key')]);
    expect(slots.map((slot) => [slot.api, slot.scheme.id, slot.isSet])).toEqual([
      ['Weather', 'token', false],
      ['Weather', 'key', true],
      ['Maps', 'key', false],
    ]);
  });
});
