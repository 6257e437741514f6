import { EngineError } from '../../agent/errors.ts';
import type { ModelCache } from '../../catalog/model-cache.ts';
import type { ModelEntry } from '../../catalog/model-manifest.ts';
import { verifyModelBytes } from '../../catalog/verify-model.ts';
import type { LoadProgress } from '../engine.ts';
import { GgufFormatError, type GgufHeader, readGgufHeader } from './gguf-header.ts';

/** Where a model's GGUF comes from and how to check it. */
export interface ModelSource {
  modelId: string;
  url: string;
  /** The manifest entry: when given, the bytes must match its size and sha256. */
  entry?: ModelEntry;
  fetch: typeof fetch;
  /** Where verified files are kept between visits (used only with an `entry`, whose sha256 checks them). */
  cache?: ModelCache;
  signal?: AbortSignal;
  /** Download progress as a fraction of the whole load (0..`share`). */
  onProgress?: (progress: LoadProgress) => void;
  share: number;
}

/** A downloaded, checked GGUF with the header facts loading needs. */
export interface ModelBytes {
  bytes: Uint8Array<ArrayBuffer>;
  header: GgufHeader;
  /** Why the verified download could not be kept in the cache (a full quota, a blocked store), if it could not. */
  cacheProblem?: string;
}

/**
 * A GGUF from the cache or downloaded with progress, checked (manifest size and sha256 when known,
 * GGUF header), with its header read; a verified download is cached for the next visit.
 */
export async function fetchModelBytes(source: ModelSource): Promise<ModelBytes> {
  const cached = await fromCache(source);
  if (cached !== undefined) return { bytes: cached, header: readHeader(source, cached) };
  const bytes = await download(source);
  if (source.entry) await verifyModelBytes(source.entry, bytes);
  const header = readHeader(source, bytes);
  // A full or blocked cache costs the next visit a download, nothing more; the user is told.
  if (source.entry && source.cache) {
    const problem = await source.cache.put(source.url, source.entry.sha256, bytes).then(
      () => undefined,
      (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error)),
    );
    if (problem !== undefined) return { bytes, header, cacheProblem: problem };
  }
  return { bytes, header };
}

/** The cached copy when it still matches the manifest; a stale or damaged copy is dropped. */
async function fromCache(source: ModelSource): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const { cache, entry, url } = source;
  if (cache === undefined || entry === undefined) return undefined;
  const hit = await cache.get(url).catch(() => undefined);
  if (hit === undefined) return undefined;
  const valid =
    hit.sha256 === entry.sha256 &&
    (await verifyModelBytes(entry, hit.bytes).then(
      () => true,
      () => false,
    ));
  if (!valid) {
    await cache.delete(url).catch(() => undefined);
    return undefined;
  }
  source.onProgress?.({
    fraction: source.share,
    loadedBytes: hit.bytes.byteLength,
    totalBytes: hit.bytes.byteLength,
    file: url,
    text: `${source.modelId} from this browser's cache`,
  });
  return hit.bytes;
}

function readHeader(source: ModelSource, bytes: Uint8Array<ArrayBuffer>): GgufHeader {
  try {
    return readGgufHeader(bytes);
  } catch (error) {
    if (!(error instanceof GgufFormatError)) throw error;
    throw new EngineError(
      'load-failed',
      `The model file of ${source.modelId} (${source.url}) cannot be used: ${error.message}. Replace it with a complete copy of the model.`,
      { model: source.modelId, url: source.url },
    );
  }
}

/** Downloads the file with progress. */
async function download(source: ModelSource): Promise<Uint8Array<ArrayBuffer>> {
  const { modelId, url, signal } = source;
  checkAborted(source);
  const response = await source.fetch(url, signal ? { signal } : {}).catch((error: unknown) => {
    checkAborted(source);
    const reason = error instanceof Error ? error.message : String(error);
    throw new EngineError(
      'load-failed',
      `The model ${modelId} could not be downloaded from ${url} (${reason}). Check that the app is running and serves its models folder.`,
      { model: modelId, url },
    );
  });
  if (!response.ok) {
    const what =
      response.status === 404 ? 'was not found' : `could not be downloaded (HTTP ${response.status})`;
    throw new EngineError(
      'load-failed',
      `The model file of ${modelId} ${what} at ${url}. Restore the models folder (git checkout models/) or rebuild the models with npm run train:tiny.`,
      { model: modelId, url, status: response.status },
    );
  }
  return readBody(response, source);
}

/** Reads the body, reporting progress against Content-Length (or the manifest's size). */
async function readBody(response: Response, source: ModelSource): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(response.headers.get('Content-Length'));
  const total = source.entry?.bytes ?? (Number.isFinite(declared) && declared > 0 ? declared : undefined);
  const report = (loaded: number) =>
    source.onProgress?.({
      fraction: total ? Math.min(1, loaded / total) * source.share : 0,
      loadedBytes: loaded,
      ...(total ? { totalBytes: total } : {}),
      file: source.url,
      text: `Downloading ${source.modelId}`,
    });
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  try {
    const reader = response.body?.getReader();
    if (!reader) return new Uint8Array(await response.arrayBuffer());
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      loaded += value.byteLength;
      report(loaded);
    }
  } catch (error) {
    checkAborted(source);
    const reason = error instanceof Error ? error.message : String(error);
    throw new EngineError(
      'load-failed',
      `The download of ${source.modelId} from ${source.url} broke off after ${loaded} bytes (${reason}). Try again.`,
      { model: source.modelId, url: source.url },
    );
  }
  const bytes = new Uint8Array(loaded);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

function checkAborted(source: ModelSource): void {
  if (source.signal?.aborted)
    throw new EngineError('aborted', `Loading ${source.modelId} was aborted.`, { model: source.modelId });
}
