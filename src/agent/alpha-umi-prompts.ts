import { renderBackboneHistory, renderHistory } from './alpha-umi-history.ts';
import { UserError } from './errors.ts';
import type { JsonObject } from './json.ts';
import { pythonJsonDumps } from './python-json.ts';
import { replaceLiteral } from './python-text.ts';
import type { Turn } from './trajectory.ts';

export { renderBackboneHistory, renderHistory } from './alpha-umi-history.ts';

/** The models a prompt can be rendered for: α-UMi's three roles and the single-LLM backbone. */
export type AlphaUmiRole = 'planner' | 'caller' | 'summarizer' | 'backbone';

/** Options of the model-input renderers. */
export interface RenderOptions {
  /** Prepend `system: ` to the whole input, as the reference training did (SPEC §4). */
  systemPrefix?: boolean;
}

/** Planner template, verbatim (typos included); no trailing newline. */
export const PLANNER_TEMPLATE =
  'You have assess to the following apis:\n{doc}\nThe conversation history is:\n{history}\n' +
  "You are the assistant to plan what to do next and whether is caller's or conclusion's turn to answer.\n" +
  'Answer with a following format:\n' +
  'The thought of the next step, followed by Next: caller or conclusion or give up.';

/** Caller template, verbatim (typos included); no trailing newline. */
export const CALLER_TEMPLATE =
  'You have assess to the following apis:\n{doc}\nThe conversation history is:\n{history}\n' +
  'The thought of this step is:\n{thought}\n' +
  'Base on the thought make an api call in the following format:\n' +
  'Action: the name of api that should be called in this step, should be exactly in [{tool_names}],\n' +
  'Action Input: the api call request.';

/** Summarizer template, verbatim; no trailing newline. */
export const SUMMARIZER_TEMPLATE = 'Make a conclusion based on the conversation history:\n{history}';

/** Backbone (single-LLM) template, verbatim; the only one that ends with a newline. */
export const BACKBONE_TEMPLATE =
  'You have assess to the following apis:\n{doc}\nThe conversation history is:\n{history}\n' +
  'You should answer the action of next step in the following format:\n' +
  'The thought to solve the question,\n' +
  'Action: the name of api that should be called in this step, should be exactly in [{tool_names}],\n' +
  'Action Input: the api call request.\n' +
  'Once you think the question is finished, output conclusion: the final answer of the question or give up ' +
  'if you think you cannot answer this question.\n';

/** The text after each role's input, where the model's answer starts (leading and trailing space). */
export const INPUT_SUFFIXES: Readonly<Record<AlphaUmiRole, string>> = {
  planner: ' assistant: ',
  caller: ' caller: ',
  summarizer: ' conclusion: ',
  backbone: ' assistant: ',
};

/** Values for a template's placeholders; a slot left out keeps its placeholder untouched. */
export interface TemplateSlots {
  doc?: string;
  toolNames?: string;
  thought?: string;
  history?: string;
}

/** Literal replacement of the slots in the order {doc}, {tool_names}, {thought}, {history} (later ones also hit earlier text). */
export function fillTemplate(template: string, slots: TemplateSlots): string {
  let text = template;
  if (slots.doc !== undefined) text = replaceLiteral(text, '{doc}', slots.doc);
  if (slots.toolNames !== undefined) text = replaceLiteral(text, '{tool_names}', slots.toolNames);
  if (slots.thought !== undefined) text = replaceLiteral(text, '{thought}', slots.thought);
  if (slots.history !== undefined) text = replaceLiteral(text, '{history}', slots.history);
  return text;
}

/** Rendered `{doc}` slots by tool list: a run renders the same list at every step (lists are never mutated). */
const renderedDocs = new WeakMap<readonly JsonObject[], string>();

/** The `{doc}` slot: each tool as Python's `json.dumps` writes it, each followed by "\n". */
export function renderDoc(tools: readonly JsonObject[]): string {
  let doc = renderedDocs.get(tools);
  if (doc === undefined) {
    doc = tools.map((tool) => `${pythonJsonDumps(tool)}\n`).join('');
    renderedDocs.set(tools, doc);
  }
  return doc;
}

/** The `{tool_names}` slot: the tools' `Name`s joined by ", "; throws a UserError when one has no string Name. */
export function toolNames(tools: readonly JsonObject[]): string {
  return tools
    .map((tool, index) => {
      const name = tool.Name;
      if (typeof name !== 'string') {
        throw new UserError(`Tool ${index} has no string "Name"; every α-UMi tool object needs one.`);
      }
      return name;
    })
    .join(', ');
}

function finish(role: AlphaUmiRole, body: string, options: RenderOptions | undefined): string {
  const input = body + INPUT_SUFFIXES[role];
  return options?.systemPrefix === true ? `system: ${input}` : input;
}

/** The planner's model input: planner(H) + " assistant: ". */
export function plannerInput(
  tools: readonly JsonObject[],
  history: readonly Turn[],
  options?: RenderOptions,
): string {
  const body = fillTemplate(PLANNER_TEMPLATE, {
    doc: renderDoc(tools),
    toolNames: toolNames(tools),
    history: renderHistory(history),
  });
  return finish('planner', body, options);
}

/** The caller's model input; `history` ends with the planner turn whose text is the thought. */
export function callerInput(
  tools: readonly JsonObject[],
  history: readonly Turn[],
  options?: RenderOptions,
): string {
  const last = history.at(-1);
  if (last?.from !== 'assistant') {
    throw new UserError(
      `The caller's history must end with the planner ("assistant") turn holding this step's thought, ` +
        `but it ends with ${last === undefined ? 'nothing (it is empty)' : `a "${last.from}" turn`}. ` +
        'Append the planner turn before rendering the caller input.',
    );
  }
  const body = fillTemplate(CALLER_TEMPLATE, {
    doc: renderDoc(tools),
    toolNames: toolNames(tools),
    thought: last.value,
    history: renderHistory(history),
  });
  return finish('caller', body, options);
}

/** The summarizer's model input (no docs); `history` already ends with the planner turn. */
export function summarizerInput(
  _tools: readonly JsonObject[],
  history: readonly Turn[],
  options?: RenderOptions,
): string {
  return finish(
    'summarizer',
    fillTemplate(SUMMARIZER_TEMPLATE, { history: renderHistory(history) }),
    options,
  );
}

/** The single-LLM backbone's model input: backbone(H) + " assistant: ". */
export function backboneInput(
  tools: readonly JsonObject[],
  history: readonly Turn[],
  options?: RenderOptions,
): string {
  const body = fillTemplate(BACKBONE_TEMPLATE, {
    doc: renderDoc(tools),
    toolNames: toolNames(tools),
    history: renderBackboneHistory(history),
  });
  return finish('backbone', body, options);
}

/** The exact model input of `role` for these tools and history (SPEC §4). */
export function renderModelInput(
  role: AlphaUmiRole,
  tools: readonly JsonObject[],
  history: readonly Turn[],
  options?: RenderOptions,
): string {
  switch (role) {
    case 'planner':
      return plannerInput(tools, history, options);
    case 'caller':
      return callerInput(tools, history, options);
    case 'summarizer':
      return summarizerInput(tools, history, options);
    case 'backbone':
      return backboneInput(tools, history, options);
    default: {
      const unknown: never = role;
      throw new UserError(`Unknown role "${String(unknown)}"; use planner, caller, summarizer or backbone.`);
    }
  }
}
