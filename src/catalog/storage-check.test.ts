import { describe, expect, it } from 'vitest';
import { checkStorage, type StorageLike } from './storage-check.ts';

const GB = 2 ** 30;

/** A StorageManager stand-in that counts persist() calls. */
function fakeStorage(options: {
  persisted?: boolean;
  grant?: boolean;
  estimate?: StorageEstimate;
  persistFails?: boolean;
}) {
  const calls = { persist: 0 };
  const storage: StorageLike = {
    persisted: async () => options.persisted ?? false,
    persist: async () => {
      calls.persist += 1;
      if (options.persistFails) throw new Error('not allowed');
      return options.grant ?? false;
    },
    estimate: async () => options.estimate ?? {},
  };
  return { storage, calls };
}

describe('storage check', () => {
  it('lets a download that fits go ahead, without asking again for storage already persisted', async () => {
    const { storage, calls } = fakeStorage({ persisted: true, estimate: { quota: 10 * GB, usage: 1 * GB } });
    expect(await checkStorage(storage, 2 * GB)).toEqual({
      ok: true,
      persisted: true,
      quotaBytes: 10 * GB,
      usageBytes: 1 * GB,
    });
    expect(calls.persist).toBe(0);
  });

  it('asks once for persistent storage and reports the grant', async () => {
    const { storage, calls } = fakeStorage({ grant: true, estimate: { quota: 10 * GB, usage: 0 } });
    const check = await checkStorage(storage, 2 * GB);
    expect(calls.persist).toBe(1);
    expect(check).toMatchObject({ ok: true, persisted: true });
    expect(check.message).toBeUndefined();
  });

  it('warns that unpersisted models may be evicted when the browser refuses or fails to persist', async () => {
    for (const options of [{ grant: false }, { persistFails: true }]) {
      const { storage } = fakeStorage({ ...options, estimate: { quota: 10 * GB, usage: 0 } });
      const check = await checkStorage(storage, 2 * GB);
      expect(check).toMatchObject({ ok: true, persisted: false });
      expect(check.message).toMatch(
        /may delete the downloaded models.*allow this site to store data persistently/,
      );
    }
  });

  it('says how much space is missing and what to do when the download does not fit', async () => {
    const { storage } = fakeStorage({ grant: true, estimate: { quota: 4 * GB, usage: 3 * GB } });
    const check = await checkStorage(storage, 2.5 * GB);
    expect(check).toMatchObject({ ok: false, persisted: true, quotaBytes: 4 * GB, usageBytes: 3 * GB });
    expect(check.message).toBe(
      'The models need 2.5 GB of storage, but only 1.0 GB is free for this site (3.0 GB used of 4.0 GB). ' +
        'Free at least 1.5 GB of disk space or delete cached models you no longer use, ' +
        "and allow this site to store data persistently (the site's settings in the browser), then try again.",
    );
  });

  it('lets the download go ahead with a warning when the browser does not report its storage', async () => {
    const none = await checkStorage(undefined, 300 * 2 ** 20);
    expect(none).toEqual({
      ok: true,
      persisted: false,
      message:
        'This browser does not report its free storage; the download (300 MB) fails if the disk fills up.',
    });
    const { storage } = fakeStorage({ persisted: true, estimate: {} });
    const noQuota = await checkStorage(storage, GB);
    expect(noQuota).toMatchObject({ ok: true, persisted: true });
    expect(noQuota.message).toMatch(/did not say how much storage is free; the download \(1\.0 GB\)/);
  });
});
