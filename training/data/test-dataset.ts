// Test helper: small datasets generated once per test file against the real demo API.
import { type Dataset, type DatasetOptions, generateDataset } from './dataset.ts';

const cache = new Map<string, Promise<Dataset>>();

/** A small dataset (real demo server), generated once per options within a test file. */
export function smallDataset(overrides: Partial<DatasetOptions> = {}): Promise<Dataset> {
  const options: DatasetOptions = {
    seed: 7,
    train: 400,
    test: 120,
    systemPrefix: true,
    madeUpCities: 200,
    ...overrides,
  };
  const key = JSON.stringify(options);
  let dataset = cache.get(key);
  if (dataset === undefined) {
    dataset = generateDataset(options);
    cache.set(key, dataset);
  }
  return dataset;
}
