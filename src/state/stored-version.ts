/** A migration of stored data from the version it is keyed on to the next one. */
export type Migration = (stored: Record<string, unknown>) => Record<string, unknown>;

/** Stored data at the current version (and the version it was read at), nothing usable, or data from a newer build. */
export type MigratedData =
  | { kind: 'current'; stored: Record<string, unknown>; from: number }
  | { kind: 'empty' }
  | { kind: 'newer'; version: number };

/** Brings `{version, …}` data up to `current` through `migrations`; no version counts as 0, a gap as nothing stored. */
export function migrateStored(
  raw: unknown,
  current: number,
  migrations: Readonly<Record<number, Migration>>,
): MigratedData {
  if (typeof raw !== 'object' || raw === null) return { kind: 'empty' };
  let stored = raw as Record<string, unknown>;
  const from = typeof stored.version === 'number' ? stored.version : 0;
  if (from > current) return { kind: 'newer', version: from };
  let version = from;
  while (version < current) {
    const migrate = migrations[version];
    if (migrate === undefined) return { kind: 'empty' };
    stored = migrate(stored);
    version = stored.version as number;
  }
  return { kind: 'current', stored, from };
}
