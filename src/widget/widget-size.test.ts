import { describe, expect, it } from 'vitest';
import { type BuiltChunk, describeWidgetSize, measureWidget } from './widget-size.ts';

const chunk = (
  fileName: string,
  imports: string[] = [],
  dynamicImports: string[] = [],
  isEntry = false,
): BuiltChunk => ({
  fileName,
  code: `/* ${fileName} */ ${'x'.repeat(100)}`,
  isEntry,
  imports,
  dynamicImports,
});

describe('the widget size report', () => {
  it('counts the entry and its static imports, transitively, as the initial script', () => {
    const size = measureWidget([
      chunk('umi-agent.js', ['runtime.js'], ['engine.js'], true),
      chunk('runtime.js', ['shared.js']),
      chunk('shared.js'),
      chunk('engine.js', ['shared.js']),
    ]);
    expect(size.initialFiles.sort()).toEqual(['runtime.js', 'shared.js', 'umi-agent.js']);
    expect(size.lazyFiles).toEqual(['engine.js']);
    expect(size.initialGzipBytes).toBeGreaterThan(0);
    expect(size.lazyGzipBytes).toBeGreaterThan(0);
  });

  it('says whether the initial script is within the budget', () => {
    const size = { initialFiles: ['a.js'], initialGzipBytes: 2048, lazyFiles: [], lazyGzipBytes: 0 };
    expect(describeWidgetSize(size, 4096)).toContain(
      'initial script 2.0 KB gzipped (a.js), within the 4.0 KB budget',
    );
    expect(describeWidgetSize(size, 1024)).toContain('OVER');
  });
});
