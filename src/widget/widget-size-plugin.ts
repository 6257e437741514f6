import type { Plugin } from 'vite';
import { type BuiltChunk, describeWidgetSize, measureWidget } from './widget-size.ts';

/** The initial script's budget, gzipped (issue 7). */
export const WIDGET_INITIAL_LIMIT_BYTES = 150 * 1024;

/** Prints the widget's initial and lazy sizes after a build, and fails the build when the initial script is over budget. */
export function widgetSizePlugin(limitBytes = WIDGET_INITIAL_LIMIT_BYTES): Plugin {
  return {
    name: 'umi-widget-size',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks: BuiltChunk[] = Object.values(bundle).flatMap((item) =>
        item.type === 'chunk'
          ? [
              {
                fileName: item.fileName,
                code: item.code,
                isEntry: item.isEntry,
                imports: item.imports,
                dynamicImports: item.dynamicImports,
              },
            ]
          : [],
      );
      const size = measureWidget(chunks);
      const line = describeWidgetSize(size, limitBytes);
      if (size.initialGzipBytes > limitBytes) this.error(line);
      console.log(line);
    },
  };
}
