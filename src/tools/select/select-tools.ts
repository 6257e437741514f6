import { isJsonObject } from '../../agent/json.ts';
import { pythonJsonDumps } from '../../agent/python-json.ts';
import type { ToolSelectionRecord } from '../../agent/trajectory.ts';
import type { Tool } from '../tool.ts';
import { buildBm25 } from './bm25.ts';
import synonymData from './synonyms.json' with { type: 'json' };
import { splitWords, stem, tokenize } from './tokenize.ts';

/** Weight of a synonym found through `synonyms.json`, relative to a word of the task itself. */
const SYNONYM_WEIGHT = 0.4;
/** Times a tool's name counts against its other text: names say most about what a tool does. */
const NAME_REPEAT = 2;
/** Share of the best score of a tool's API added to it, so chained calls of one API travel together. */
const API_AFFINITY = 0.15;
/** Verbs common in operation names, so run-together names split even when no description uses them. */
const NAME_VERBS =
  'get list create update delete remove add set search find cancel send check make put patch post fetch ' +
  'retrieve validate generate convert mark apply pause resume select book reserve assign close open rate ' +
  'save summarize subscribe unsubscribe schedule print track upload download export import reset start stop';
/** How many names a warning lists before `…`. */
const LISTED = 5;

/** Input of the tool selection. */
export interface SelectToolsOptions {
  task: string;
  tools: readonly Tool[];
  /** Tokens the tool docs may take in the role model's prompt. */
  budgetTokens: number;
  /** Token count of a text; defaults to `estimateTokens`. */
  countTokens?: (text: string) => number;
  /** At most this many tools, even when more would fit. */
  maxTools?: number;
}

/** Which tools to show the models, why, how each scored, and what went wrong. */
export interface ToolSelection {
  /** In the enabled order (not by score), so prompts stay stable. */
  offered: Tool[];
  reason: string;
  /** Every tool's relevance to the task, best first. */
  scores: { name: string; score: number }[];
  warnings: string[];
}

/** The operation part of a tool name (`searchcities` of `searchcities_for_demo`), lower-case. */
function operationKey(tool: Tool): string {
  const at = tool.name.lastIndexOf('_for_');
  return (at > 0 ? tool.name.slice(0, at) : tool.name).toLowerCase();
}

/** For each tool, the other tools its doc mentions by operation name, e.g. "city id from searchCities". */
export function referencedTools(tools: readonly Tool[]): number[][] {
  const keys = tools.map(operationKey);
  return tools.map((tool, index) => {
    const words = new Set(
      docLine(tool)
        .toLowerCase()
        .split(/[^a-z0-9_]+/),
    );
    return keys.flatMap((key, other) => (other !== index && key.length > 3 && words.has(key) ? [other] : []));
  });
}

/** What a trajectory records of a selection: the offered names, the reason and the warnings. */
export function selectionRecord(selection: ToolSelection): ToolSelectionRecord {
  return {
    offered: selection.offered.map((tool) => tool.name),
    reason: selection.reason,
    warnings: [...selection.warnings],
  };
}

/** A rough token count, about 3.5 characters a token (LLaMA-like vocabularies on JSON-ish English). */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 3.5);
}

/** The α-UMi doc line of a tool, as it lands in `{doc}`. */
export function docLine(tool: Tool): string {
  return `${pythonJsonDumps(tool.doc)}\n`;
}

/** Synonym groups by stemmed word. */
const SYNONYMS: ReadonlyMap<string, readonly string[]> = (() => {
  const byWord = new Map<string, Set<string>>();
  for (const group of synonymData.groups) {
    const stems = group.map((word) => stem(word.toLowerCase()));
    for (const word of stems) {
      const related = byWord.get(word) ?? new Set<string>();
      for (const other of stems) if (other !== word) related.add(other);
      byWord.set(word, related);
    }
  }
  return new Map([...byWord].map(([word, related]) => [word, [...related]]));
})();

/** The task's terms weighted 1, their synonyms `SYNONYM_WEIGHT` (the higher weight wins). */
export function queryTerms(task: string): Map<string, number> {
  const terms = new Map<string, number>();
  for (const term of tokenize(task)) terms.set(term, 1);
  for (const term of [...terms.keys()])
    for (const synonym of SYNONYMS.get(term) ?? [])
      terms.set(synonym, Math.max(terms.get(synonym) ?? 0, SYNONYM_WEIGHT));
  return terms;
}

/** The parameter names and descriptions of a tool, from its JSON Schema. */
function parameterTexts(tool: Tool): string[] {
  const texts: string[] = [];
  const properties = tool.parameters.properties;
  if (isJsonObject(properties))
    for (const [name, schema] of Object.entries(properties)) {
      texts.push(name);
      if (isJsonObject(schema) && typeof schema.description === 'string') texts.push(schema.description);
    }
  return texts;
}

/** Words the tools' own texts and the synonyms use: the pieces run-together names are split into. */
export function toolVocabulary(tools: readonly Tool[]): Set<string> {
  const words = new Set(NAME_VERBS.split(' '));
  for (const group of synonymData.groups) for (const word of group) words.add(word);
  for (const tool of tools)
    for (const text of [tool.description, ...parameterTexts(tool)])
      for (const word of splitWords(text)) words.add(word);
  return words;
}

/** The searchable terms of a tool: name (counted twice), description, API, parameter names and descriptions. */
export function toolTerms(tool: Tool, vocabulary: ReadonlySet<string>): string[] {
  const terms = [tool.description, ...parameterTexts(tool)].flatMap((text) => tokenize(text));
  terms.push(...tokenize(tool.api ?? '', vocabulary));
  const name = tokenize(tool.name, vocabulary);
  for (let repeat = 0; repeat < NAME_REPEAT; repeat++) terms.push(...name);
  return terms;
}

/** BM25 relevance of each tool to the task, plus a share of its API's best score. */
export function scoreTools(task: string, tools: readonly Tool[]): number[] {
  const vocabulary = toolVocabulary(tools);
  const raw = buildBm25(tools.map((tool) => toolTerms(tool, vocabulary))).score(queryTerms(task));
  const bestOfApi = new Map<string, number>();
  tools.forEach((tool, index) => {
    const api = tool.api ?? '';
    bestOfApi.set(api, Math.max(bestOfApi.get(api) ?? 0, raw[index] ?? 0));
  });
  return tools.map((tool, index) => {
    const own = raw[index] ?? 0;
    return tool.api === undefined || own === 0 ? own : own + API_AFFINITY * (bestOfApi.get(tool.api) ?? 0);
  });
}

/** Names with sizes, cut after a few: `a (120), b (98), …`. */
function listNames(entries: readonly { name: string; size: number }[]): string {
  const shown = entries.slice(0, LISTED).map((entry) => `${entry.name} (${entry.size})`);
  return `${shown.join(', ')}${entries.length > LISTED ? ', …' : ''}`;
}

/**
 * Picks the tools whose docs go into the prompts. All are offered when their docs fit the budget
 * (and `maxTools`); otherwise the tools are ranked by BM25 over their words with light stemming
 * and synonyms, and the best-ranked ones that fit are taken. Tools that match no word of the task
 * are offered only when none does.
 */
export function selectTools(options: SelectToolsOptions): ToolSelection {
  const { task, tools, budgetTokens } = options;
  const count = options.countTokens ?? estimateTokens;
  const maxTools = options.maxTools ?? Number.POSITIVE_INFINITY;
  const sizes = tools.map((tool) => count(docLine(tool)));
  const total = sizes.reduce((sum, size) => sum + size, 0);
  const scores = scoreTools(task, tools);
  const ranking = tools
    .map((tool, index) => ({ tool, index, size: sizes[index] ?? 0, score: scores[index] ?? 0 }))
    .sort((a, b) => b.score - a.score || a.index - b.index);
  const scoreList = ranking.map(({ tool, score }) => ({
    name: tool.name,
    score: Math.round(score * 1000) / 1000,
  }));
  const warnings: string[] = [];
  const tooLarge = ranking.filter((entry) => entry.size > budgetTokens);
  if (tooLarge.length > 0)
    warnings.push(
      `${tooLarge.length} tool doc(s) alone exceed the budget of ${budgetTokens} tokens and are never offered: ` +
        listNames(tooLarge.map(({ tool, size }) => ({ name: tool.name, size }))),
    );
  if (total <= budgetTokens && tools.length <= maxTools)
    return {
      offered: [...tools],
      reason: `All ${tools.length} enabled tools fit the budget (${total} of ${budgetTokens} tokens).`,
      scores: scoreList,
      warnings,
    };
  const matched = ranking.filter((entry) => entry.score > 0);
  const candidates = matched.length > 0 ? matched : [...ranking].sort((a, b) => a.index - b.index);
  if (matched.length === 0 && tools.length > 0)
    warnings.push('No tool matches a word of the task; offering the first tools that fit.');
  const chosen = new Set<number>();
  let used = 0;
  const take = (index: number): boolean => {
    const size = sizes[index] ?? 0;
    if (chosen.has(index) || chosen.size >= maxTools || used + size > budgetTokens) return false;
    chosen.add(index);
    used += size;
    return true;
  };
  const references = referencedTools(tools);
  for (const entry of candidates) {
    if (chosen.size >= maxTools) break;
    // A tool whose doc names another operation (e.g. "id from searchCities") needs it for a chain.
    if (take(entry.index)) for (const needed of references[entry.index] ?? []) take(needed);
  }
  if (chosen.size === 0 && tools.length > 0)
    warnings.push(`No tool fits the budget of ${budgetTokens} tokens.`);
  const limit =
    total > budgetTokens
      ? `need ${total} tokens, more than the budget of ${budgetTokens}`
      : `are more than ${maxTools}`;
  return {
    offered: tools.filter((_, index) => chosen.has(index)),
    reason:
      `The ${tools.length} enabled tools ${limit}; offered the ${chosen.size} that best match the task ` +
      `(${used} tokens).`,
    scores: scoreList,
    warnings,
  };
}
