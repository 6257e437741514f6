/** The part of the browser's StorageManager (`navigator.storage`) the check uses. */
export type StorageLike = Pick<StorageManager, 'persist' | 'persisted' | 'estimate'>;

/** Whether a download fits the site's storage, and what to do when it does not. */
export interface StorageCheck {
  /** False only when the browser reports too little free space; unknown space does not block. */
  ok: boolean;
  /** Whether the browser keeps this site's data when storage runs low. */
  persisted: boolean;
  quotaBytes?: number;
  usageBytes?: number;
  /** A sentence for the user: the shortfall and its remedy, or a warning. */
  message?: string;
}

const KEEP =
  "The browser may delete the downloaded models when disk space runs low; allow this site to store data persistently (the site's settings in the browser) to keep them.";

function size(bytes: number): string {
  const gigabytes = bytes / 2 ** 30;
  return gigabytes >= 1 ? `${gigabytes.toFixed(1)} GB` : `${Math.ceil(bytes / 2 ** 20)} MB`;
}

/** Asks for persistent storage once (when not yet granted), a refusal or failure reading as not persisted. */
async function ensurePersisted(storage: StorageLike): Promise<boolean> {
  try {
    return (await storage.persisted()) || (await storage.persist());
  } catch {
    return false;
  }
}

/**
 * Checks that `downloadBytes` fit in the site's free storage (quota − usage) before a download, asking
 * the browser to keep the site's data. Without a StorageManager, or without a quota, it cannot tell and
 * lets the download go ahead with a warning.
 */
export async function checkStorage(
  storage: StorageLike | undefined,
  downloadBytes: number,
): Promise<StorageCheck> {
  const needed = size(downloadBytes);
  if (!storage)
    return {
      ok: true,
      persisted: false,
      message: `This browser does not report its free storage; the download (${needed}) fails if the disk fills up.`,
    };
  const persisted = await ensurePersisted(storage);
  const estimate = await storage.estimate().catch((): StorageEstimate => ({}));
  const { quota, usage = 0 } = estimate;
  if (quota === undefined) {
    const unknown = `The browser did not say how much storage is free; the download (${needed}) fails if the disk fills up.`;
    return { ok: true, persisted, message: persisted ? unknown : `${unknown} ${KEEP}` };
  }
  const known = { persisted, quotaBytes: quota, usageBytes: usage };
  const free = Math.max(0, quota - usage);
  if (free < downloadBytes) {
    const short = size(downloadBytes - free);
    const message =
      `The models need ${needed} of storage, but only ${size(free)} is free for this site (${size(usage)} used of ${size(quota)}). ` +
      `Free at least ${short} of disk space or delete cached models you no longer use, ` +
      `and allow this site to store data persistently (the site's settings in the browser), then try again.`;
    return { ok: false, ...known, message };
  }
  return persisted ? { ok: true, ...known } : { ok: true, ...known, message: KEEP };
}
