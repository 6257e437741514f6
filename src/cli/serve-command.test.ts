import { describe, expect, it } from 'vitest';
import type { ModelStep, Trajectory } from '../agent/trajectory.ts';
import { fakeIo, lastLine } from '../testing/fake-cli-io.ts';
import { runCommand } from './run-command.ts';
import { createServeCommand } from './serve-command.ts';

const TASK = "What's the weather in Lausanne?";

describe('umi serve', { timeout: 120_000 }, () => {
  it('serves the embedded models, and run --engine openai through it gives what they give in-process', async () => {
    let stop: () => void = () => undefined;
    let baseUrl = '';
    const serveIo = fakeIo();
    const serving = createServeCommand({
      untilStopped: (server) => {
        baseUrl = server.baseUrl;
        return new Promise<void>((done) => {
          stop = done;
        });
      },
      environment: {},
    })(['--port', '0'], serveIo);
    while (baseUrl === '') await new Promise((done) => setTimeout(done, 50));
    expect(serveIo.out.join('')).toContain(`at ${baseUrl}`);

    const remoteIo = fakeIo();
    expect(await runCommand([TASK, '--engine', 'openai', '--base-url', baseUrl, '--json'], remoteIo)).toBe(0);
    const localIo = fakeIo();
    expect(await runCommand([TASK, '--json'], localIo)).toBe(0);
    stop();
    expect(await serving).toBe(0);

    const outputs = (io: ReturnType<typeof fakeIo>) =>
      (JSON.parse(lastLine(io.out.join(''))) as Trajectory).steps
        .filter((step): step is ModelStep => step.type === 'model')
        .map((step) => [step.role, step.output]);
    expect(outputs(remoteIo)).toEqual(outputs(localIo));
    expect(outputs(remoteIo).length).toBeGreaterThan(2);
  });

  it('refuses a port that is not one', async () => {
    const serve = createServeCommand({ untilStopped: async () => undefined, environment: {} });
    await expect(serve(['--port', 'http'], fakeIo())).rejects.toThrow(/--port must be a port number/);
  });
});
