import { UserError } from '../agent/errors.ts';
import { isJsonObject } from '../agent/json.ts';

/** One test set the eval page offers (models/eval-datasets.json). */
export interface EvalDatasetEntry {
  id: string;
  label: string;
  /** The file's path in the repository (the app maps it to the URL it is served at). */
  file: string;
  description: string;
  /** Where the data comes from. */
  source: string;
}

const FIELDS = ['id', 'label', 'file', 'description', 'source'] as const;

/** Checks models/eval-datasets.json; a UserError names the entry and field that is wrong. */
export function parseEvalDatasets(data: unknown, where: string): EvalDatasetEntry[] {
  if (!isJsonObject(data) || data.schema !== 1 || !Array.isArray(data.datasets))
    throw new UserError(`${where} must be {"schema": 1, "datasets": [...]}.`);
  const ids = new Set<string>();
  return data.datasets.map((item, index) => {
    if (!isJsonObject(item)) throw new UserError(`${where}: dataset ${index} is not an object.`);
    for (const field of FIELDS) {
      if (typeof item[field] !== 'string' || item[field] === '')
        throw new UserError(`${where}: dataset ${index} needs a non-empty string "${field}".`);
    }
    const entry = Object.fromEntries(
      FIELDS.map((field) => [field, item[field]]),
    ) as unknown as EvalDatasetEntry;
    if (ids.has(entry.id)) throw new UserError(`${where}: the dataset id "${entry.id}" is used twice.`);
    ids.add(entry.id);
    return entry;
  });
}
