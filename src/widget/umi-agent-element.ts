import { createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { type ErrorData, UserError } from '../agent/errors.ts';
import type { Trajectory } from '../agent/trajectory.ts';
import type { ServerKind } from '../engines/openai/openai-engine.ts';
import type { RemoteProfile, RemoteRole } from '../state/remote-store.ts';
import { type InPageToolDefinition, inPageTool } from '../tools/in-page/in-page-tool.ts';
import appCss from '../ui/app.css?inline';
import widgetCss from './widget.css?inline';
import { widgetEventFor } from './widget-events.ts';
import { createWidgetStores, type WidgetStores } from './widget-stores.ts';
import { WidgetView } from './widget-view.tsx';

/** Where this script was served from: wllama's wasm and, by default, the models are beside it. */
const ASSETS_BASE = new URL(import.meta.env.DEV ? '/' : './', import.meta.url).href;

let styles: CSSStyleSheet | undefined;
/** One constructed sheet shared by every widget: CSSOM, so a host's `style-src` CSP does not apply to it. */
function widgetStyles(): CSSStyleSheet {
  if (styles === undefined) {
    styles = new CSSStyleSheet();
    styles.replaceSync(`${appCss}\n${widgetCss}`);
  }
  return styles;
}

/**
 * `<umi-agent>`: the agent in a shadow root. Attributes: `openapi` (the API's OpenAPI document),
 * `preset` (models/presets.json id), `models` (the folder of manifest.json), `open`, `layout="inline"`,
 * `heading`. Methods: `registerTool`, `run`, `abort`. Events: see widget-events.ts.
 */
export class UmiAgentElement extends HTMLElement {
  static readonly observedAttributes = ['open', 'openapi', 'preset', 'models', 'heading'];

  readonly #shadow: ShadowRoot;
  readonly #tools = new Map<string, InPageToolDefinition>();
  #stores: WidgetStores | undefined;
  #root: Root | undefined;

  constructor() {
    super();
    this.#shadow = this.attachShadow({ mode: 'open' });
    this.#shadow.adoptedStyleSheets = [widgetStyles()];
  }

  /** Whether the panel is open (the `open` attribute). */
  get open(): boolean {
    return this.hasAttribute('open');
  }

  set open(value: boolean) {
    this.toggleAttribute('open', value);
  }

  connectedCallback(): void {
    if (this.#root !== undefined) return;
    this.#stores = this.#createStores();
    const container = document.createElement('div');
    this.#shadow.append(container);
    this.#root = createRoot(container);
    this.#render();
    if (this.open) void this.#stores.agent.getState().prepare();
  }

  disconnectedCallback(): void {
    // Moving the element (removed and inserted in one task) keeps it; only a real removal ends it.
    queueMicrotask(() => {
      if (!this.isConnected) void this.#teardown();
    });
  }

  attributeChangedCallback(name: string, previous: string | null, value: string | null): void {
    if (previous === value || this.#stores === undefined) return;
    const agent = this.#stores.agent.getState();
    if (name === 'openapi' && value !== null) void agent.importTools({ url: this.#openApiUrl() ?? value });
    else if (name === 'preset' && value !== null) void agent.choosePreset(value);
    else if (name === 'models' || name === 'openapi') void this.#rebuild();
    if (name === 'open' && value !== null) void agent.prepare();
    this.#render();
  }

  /** Offers a function of this page to the models as a tool; returns a function that takes it back. */
  registerTool(definition: InPageToolDefinition): () => void {
    inPageTool(definition);
    this.#tools.set(definition.name, definition);
    this.#stores?.agent.getState().registerPageTool(definition);
    return () => {
      if (this.#tools.get(definition.name) !== definition) return;
      this.#tools.delete(definition.name);
      this.#stores?.agent.getState().removePageTool(definition.name);
    };
  }

  /** Runs a task (loading the models first if needed) and resolves to its trajectory. */
  async run(task: string): Promise<Trajectory> {
    const stores = this.#stores;
    if (stores === undefined)
      throw new UserError(
        'This <umi-agent> is not in the page: add it to the document before calling run().',
      );
    if (typeof task !== 'string' || task.trim() === '')
      throw new UserError('run(task) needs the task as text.');
    if (stores.agent.getState().running)
      throw new UserError('A run is already in progress in this widget: wait for it, or call abort() first.');
    const trajectory = await stores.agent.getState().run(task.trim());
    if (trajectory === undefined)
      throw new UserError(stores.agent.getState().problem || 'The run could not start.');
    return trajectory;
  }

  /**
   * Runs use role models on an OpenAI-compatible server (vLLM, llama.cpp, Ollama, umi serve) instead of
   * the page's; rejects with what went wrong. The host's CSP must allow the server in connect-src.
   * A role written `name@url` runs on that server with its key from `serverKeys` (by URL), never `apiKey`.
   */
  async connectRemote(options: {
    baseUrl: string;
    models: Record<RemoteRole, string>;
    apiKey?: string;
    serverKeys?: Record<string, string>;
    server?: ServerKind;
    profile?: RemoteProfile;
  }): Promise<void> {
    const remote = this.#stores?.remote;
    if (remote === undefined)
      throw new UserError(
        'This <umi-agent> is not in the page: add it to the document before connectRemote().',
      );
    const state = remote.getState();
    await state.disconnect();
    state.setBaseUrl(options.baseUrl);
    for (const [role, model] of Object.entries(options.models)) state.setModel(role as RemoteRole, model);
    if (options.server !== undefined) state.setServer(options.server);
    if (options.profile !== undefined) state.setProfile(options.profile);
    await state.connect(options.apiKey, options.serverKeys);
    if (remote.getState().status !== 'connected') throw new UserError(remote.getState().problem);
  }

  /** Runs use the page's own models again. */
  async disconnectRemote(): Promise<void> {
    await this.#stores?.remote.getState().disconnect();
  }

  /** Stops the run in progress (a pending confirmation is answered no). */
  abort(): void {
    this.#stores?.agent.getState().stop();
  }

  #createStores(): WidgetStores {
    const stores = createWidgetStores({
      manifestUrl: new URL('manifest.json', this.#modelsFolder()).href,
      openApiUrl: this.#openApiUrl(),
      ...(this.getAttribute('preset') ? { preset: this.getAttribute('preset') as string } : {}),
      assetsBase: ASSETS_BASE,
      onEvent: (event) => {
        const dom = widgetEventFor(event);
        if (dom !== undefined)
          this.dispatchEvent(
            new CustomEvent(dom.type, { detail: dom.detail, bubbles: true, composed: true }),
          );
      },
      onProblem: (error: ErrorData) =>
        this.dispatchEvent(
          new CustomEvent('umi-error', { detail: { error }, bubbles: true, composed: true }),
        ),
    });
    for (const definition of this.#tools.values()) stores.agent.getState().registerPageTool(definition);
    return stores;
  }

  #modelsFolder(): string {
    const folder = this.getAttribute('models');
    const url = new URL(folder ?? 'models/', folder === null ? ASSETS_BASE : document.baseURI).href;
    return url.endsWith('/') ? url : `${url}/`;
  }

  #openApiUrl(): string | null {
    const value = this.getAttribute('openapi');
    return value === null || value.trim() === '' ? null : new URL(value, document.baseURI).href;
  }

  #render(): void {
    const stores = this.#stores;
    if (this.#root === undefined || stores === undefined) return;
    this.#root.render(
      createElement(WidgetView, {
        stores,
        open: this.open,
        heading: this.getAttribute('heading') || 'umi',
        onOpenChange: (open: boolean) => {
          this.open = open;
        },
      }),
    );
  }

  /** Models folder or API changed: new stores (the old engines unloaded), the same page functions. */
  async #rebuild(): Promise<void> {
    const old = this.#stores;
    this.#stores = this.#createStores();
    this.#render();
    await old?.remote.getState().disconnect();
    await old?.agent.getState().dispose();
  }

  async #teardown(): Promise<void> {
    const stores = this.#stores;
    this.#root?.unmount();
    this.#root = undefined;
    this.#stores = undefined;
    this.#shadow.replaceChildren();
    await stores?.remote.getState().disconnect();
    await stores?.agent.getState().dispose();
  }
}
