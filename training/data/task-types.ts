import type { JsonObject, JsonValue } from '../../src/agent/json.ts';
import { isJsonObject } from '../../src/agent/json.ts';
import type { Dialogue } from '../../src/eval/steps.ts';
import type { PoolSide } from './data-files.ts';
import type { DemoSession } from './demo-session.ts';
import type { Pools } from './entities.ts';
import type { Phrase } from './phrasing.ts';
import type { Rng } from './rng.ts';

/** What a task builder gets: randomness, the side's entity pools, the live API and the phrasing group. */
export interface TaskContext {
  rng: Rng;
  side: PoolSide;
  pools: Pools;
  session: DemoSession;
  /** The phrasing group drawn from the intent's mix. */
  group: string;
}

/** Facts about a generated task, written beside the dialogues (meta/<split>.jsonl). */
export interface TaskMeta {
  intent: string;
  group: string;
  template: string;
  /** Group, template and slot values: what "an unseen combination" is judged by. */
  key: string;
  /** The entity values the user's words carry (as phrased). */
  entities: string[];
  /** Values from the API's responses that the answer states (empty for give-up and no-call tasks). */
  values: string[];
}

/** A generated task: its dialogue and metadata. */
export interface TaskResult {
  dialogue: Dialogue;
  meta: TaskMeta;
}

/** Builds one task, or undefined when the draw does not fit (the caller draws again). */
export type TaskBuilder = (ctx: TaskContext) => Promise<TaskResult | undefined>;

/** Metadata of a task from its phrase. */
export function metaOf(intent: string, phrase: Phrase, values: string[]): TaskMeta {
  return {
    intent,
    group: phrase.group,
    template: phrase.template,
    key: phrase.key,
    entities: Object.values(phrase.slots),
    values,
  };
}

/** The objects of a JSON array body (empty when the body is not an array). */
export function objectsOf(body: JsonValue | undefined): JsonObject[] {
  return Array.isArray(body) ? body.filter(isJsonObject) : [];
}

/** A JSON object body, or undefined. */
export function objectOf(body: JsonValue | undefined): JsonObject | undefined {
  return isJsonObject(body) ? body : undefined;
}
