import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'vite';
import { startWidgetDemo } from './widget-demo-server.ts';

/** `npm run widget:demo`: builds the widget when it is not built yet, then serves the demo host page. */
const widgetDir = resolve('dist/widget');
if (!existsSync(resolve(widgetDir, 'umi-agent.js'))) {
  console.log('Building the widget first (npm run build does it too)…');
  await build({ configFile: resolve('vite.widget.config.ts'), logLevel: 'warn' });
}
const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const demo = await startWidgetDemo({
  widgetDir,
  hostPort: port('UMI_HOST_PORT', 5180),
  widgetPort: port('UMI_WIDGET_PORT', 5181),
});
console.log(`Host page:   ${demo.hostOrigin}/  (open it in Chrome)`);
console.log(`Widget, models and demo API: ${demo.widgetOrigin}/`);
console.log(`The host page's Content-Security-Policy:\n  ${demo.policy}`);
console.log('Ctrl+C stops both.');
