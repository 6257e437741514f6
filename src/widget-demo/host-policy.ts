/**
 * The Content-Security-Policy a host page needs for the widget served from `widgetOrigin` (which
 * also serves its models and, in the demo, the API): no 'unsafe-eval', no inline scripts, no inline
 * styles. `'wasm-unsafe-eval'` compiles llama.cpp's WebAssembly; `worker-src blob:` lets wllama start
 * its worker from a blob: URL (a cross-origin script cannot start `new Worker(url)`); `connect-src`
 * fetches the wasm, models, OpenAPI document and the API's answers. The widget's styles are a
 * constructed stylesheet in its shadow root, which `style-src` does not govern.
 */
export function hostPolicy(widgetOrigin: string, apiOrigins: readonly string[] = []): string {
  const connect = [...new Set(["'self'", widgetOrigin, ...apiOrigins])].join(' ');
  return [
    "default-src 'none'",
    `script-src 'self' ${widgetOrigin} 'wasm-unsafe-eval'`,
    'worker-src blob:',
    `connect-src ${connect}`,
    "style-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
