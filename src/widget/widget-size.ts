import { gzipSync } from 'node:zlib';

/** A built JavaScript chunk as a bundler reports it: its file, code and the chunks it imports. */
export interface BuiltChunk {
  fileName: string;
  code: string;
  isEntry: boolean;
  /** Chunks imported statically: fetched before the entry runs. */
  imports: readonly string[];
  /** Chunks imported with `import()`: fetched when first used. */
  dynamicImports: readonly string[];
}

/** What a host page downloads first (the entry and everything it imports statically) and what comes later. */
export interface WidgetSize {
  initialFiles: string[];
  initialGzipBytes: number;
  lazyFiles: string[];
  lazyGzipBytes: number;
}

const gzipBytes = (code: string) => gzipSync(code).byteLength;

/** Splits the chunks into the initial script (entries and their static imports) and the lazy rest. */
export function measureWidget(chunks: readonly BuiltChunk[]): WidgetSize {
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const initial = new Set<string>();
  const visit = (fileName: string) => {
    if (initial.has(fileName)) return;
    initial.add(fileName);
    for (const imported of byName.get(fileName)?.imports ?? []) visit(imported);
  };
  for (const chunk of chunks) if (chunk.isEntry) visit(chunk.fileName);
  const lazy = chunks.filter((chunk) => !initial.has(chunk.fileName));
  const sum = (list: readonly BuiltChunk[]) =>
    list.reduce((total, chunk) => total + gzipBytes(chunk.code), 0);
  return {
    initialFiles: [...initial],
    initialGzipBytes: sum(chunks.filter((chunk) => initial.has(chunk.fileName))),
    lazyFiles: lazy.map((chunk) => chunk.fileName),
    lazyGzipBytes: sum(lazy),
  };
}

const kilobytes = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** The build's report line; `limitBytes` is the budget of the initial script, gzipped. */
export function describeWidgetSize(size: WidgetSize, limitBytes: number): string {
  const verdict = size.initialGzipBytes <= limitBytes ? 'within' : 'OVER';
  return (
    `widget: initial script ${kilobytes(size.initialGzipBytes)} gzipped (${size.initialFiles.join(' + ')}), ` +
    `${verdict} the ${kilobytes(limitBytes)} budget; fetched when used: ${kilobytes(size.lazyGzipBytes)} gzipped ` +
    `in ${size.lazyFiles.length} chunks, plus wllama's wasm and the models`
  );
}
