import { FakeMlcEngine, type FakeMlcOptions } from './fake-mlc-engine.ts';
import type { MlcFactory, MlcInit } from './mlc-runtime.ts';
import { WebLlmEngine, type WebLlmEngineOptions } from './webllm-engine.ts';
import { WebLlmHost, type WebLlmHostOptions } from './webllm-host.ts';

/** A factory handing out fakes, FOR TESTS; `made` holds every fake and `inits` what the host passed. */
export function fakeMlcFactory(options: FakeMlcOptions = {}) {
  const made: FakeMlcEngine[] = [];
  const inits: MlcInit[] = [];
  const factory: MlcFactory = async (init) => {
    const engine = new FakeMlcEngine(init, options);
    made.push(engine);
    inits.push(init);
    return {
      engine,
      terminate: () => {
        engine.terminated = true;
      },
    };
  };
  return Object.assign(factory, { made, inits });
}

/** An engine's settings besides its host and model. */
type EngineSettings = Omit<WebLlmEngineOptions, 'host' | 'modelId'>;

/** The adapter the tests' hosts see. */
export const TEST_ADAPTER = async () => ({ vendor: 'acme', architecture: 'rdna9' });

/**
 * A host on fake MLC engines with scripted replies per model, FOR TESTS: `engine(id)` makes an
 * engine for a model (α-UMi profile unless told), and `fake(n)` is the n-th MLC engine the host
 * made (a lost device makes another).
 */
export function fakeHost(options: FakeMlcOptions = {}, hostOptions: Partial<WebLlmHostOptions> = {}) {
  const factory = fakeMlcFactory(options);
  const host = new WebLlmHost({ createMlc: factory, adapterInfo: TEST_ADAPTER, ...hostOptions });
  const engine = (modelId: string, settings: EngineSettings = {}) =>
    new WebLlmEngine({ host, modelId, profile: 'alpha-umi', ...settings });
  const fake = (index = 0): FakeMlcEngine => {
    const made = factory.made[index];
    if (!made) throw new Error(`the host made no MLC engine #${index}`);
    return made;
  };
  return { factory, host, engine, fake };
}
