/** Default cap on the bytes read from a response body (2 MiB); the rest is never read. */
export const DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024;

/** A response body read up to the cap and decoded. */
export interface ReadBody {
  text: string;
  /** True when the body was longer than the cap and reading stopped there. */
  truncated: boolean;
  bytes: number;
}

/** The `charset` of a Content-Type header, when it names one TextDecoder knows; else UTF-8. */
function decoderFor(contentType: string | null): TextDecoder {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1];
  if (charset !== undefined) {
    try {
      return new TextDecoder(charset);
    } catch {
      // An unknown label: fall back to UTF-8.
    }
  }
  return new TextDecoder('utf-8');
}

/** Reads at most `maxBytes` of the body, then cancels the stream; invalid bytes decode to U+FFFD. */
export async function readBody(response: Response, maxBytes: number): Promise<ReadBody> {
  const decoder = decoderFor(response.headers.get('content-type'));
  if (response.body === null) return { text: '', truncated: false, bytes: 0 };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  let truncated = false;
  let complete = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        complete = true;
        break;
      }
      if (bytes + value.byteLength > maxBytes) {
        chunks.push(value.subarray(0, maxBytes - bytes));
        bytes = maxBytes;
        truncated = true;
        break;
      }
      chunks.push(value);
      bytes += value.byteLength;
    }
  } finally {
    // Stops the transfer (and an endless body) instead of reading on; not awaited, it may never settle.
    if (!complete) reader.cancel().catch(() => undefined);
  }
  const joined = new Uint8Array(bytes);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { text: decoder.decode(joined), truncated, bytes };
}

/** True when a Content-Type is JSON: `application/json` or any `+json` suffix. */
export function isJsonContentType(contentType: string | null): boolean {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || type.endsWith('+json');
}

/** A byte count for messages: `2 MB`, `512 KB`, `300 bytes`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${bytes} bytes`;
}

/** The note appended to a body cut at the cap. */
export function truncationNote(maxBytes: number): string {
  return `\n[response cut: it is larger than ${formatBytes(maxBytes)}]`;
}
