import { UmiAgentElement } from './umi-agent-element.ts';

export type { InPageToolDefinition } from '../tools/in-page/in-page-tool.ts';
export type { UmiAgentEventMap } from './widget-events.ts';
export { UmiAgentElement };

/** Defines `<umi-agent>` (once: a second copy of the script on the page reuses the first definition). */
export function defineUmiAgent(name = 'umi-agent'): void {
  if (customElements.get(name) === undefined) customElements.define(name, class extends UmiAgentElement {});
}

defineUmiAgent();

declare global {
  interface HTMLElementTagNameMap {
    'umi-agent': UmiAgentElement;
  }
}
