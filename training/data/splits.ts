import { MIX, type PoolSide } from './data-files.ts';
import type { DemoSession } from './demo-session.ts';
import { buildPools, type CityEntity, type CountryEntity, type CurrencyEntity } from './entities.ts';
import { HeldOutMatcher } from './holdout.ts';
import { Rng } from './rng.ts';
import { allocate, TASKS } from './task-registry.ts';
import type { TaskResult } from './task-types.ts';

/** The three splits written by the generator. */
export const SPLITS = ['train', 'test-in-domain', 'test-out-of-domain'] as const;
/** A split's name. */
export type SplitName = (typeof SPLITS)[number];

/** What training already used, so the in-domain test can avoid it. */
export interface Seen {
  keys: Set<string>;
  instructions: Set<string>;
}

/** Options of one split's generation. */
export interface SplitOptions {
  split: SplitName;
  count: number;
  seed: number;
  session: DemoSession;
  /** Made-up cities the session's server knows, for this split's tasks (training only). */
  madeUpCities?: CityEntity[];
  /** Made-up countries the session's server knows, for this split's tasks (training only). */
  madeUpCountries?: CountryEntity[];
  /** Made-up currencies the session's server knows, for this split's tasks (training only). */
  madeUpCurrencies?: CurrencyEntity[];
  /** For the in-domain test: the training combinations and instructions to avoid. */
  seen?: Seen;
  onProgress?: (done: number, total: number) => void;
}

/** A generated split: its tasks in order, and how often a draw was redrawn and why. */
export interface SplitResult {
  split: SplitName;
  tasks: TaskResult[];
  redrawn: Record<string, number>;
  /** In-domain tasks without slots whose instruction training also has (no unseen one was found). */
  repeated: number;
}

const MAX_DRAWS = 200;

/** The pool side of a split: the held-out values only for the out-of-domain test. */
export function sideOf(split: SplitName): PoolSide {
  return split === 'test-out-of-domain' ? 'ood' : 'train';
}

/** Why a task cannot go into this split, or undefined when it can. */
function rejection(
  split: SplitName,
  task: TaskResult,
  matcher: HeldOutMatcher,
  seen?: Seen,
): string | undefined {
  if (split === 'train' && matcher.findInDialogue(task.dialogue) !== undefined) return 'held-out term';
  if (seen === undefined) return undefined;
  if (task.meta.entities.length > 0 && seen.keys.has(task.meta.key)) return 'combination in train';
  if (seen.instructions.has(task.dialogue.instruction)) return 'instruction in train';
  return undefined;
}

/** Generates one split, task by task against the live API; deterministic for a seed. */
export async function generateSplit(options: SplitOptions): Promise<SplitResult> {
  const { split, count, session, seen } = options;
  const rng = Rng.derive(options.seed, split);
  const side = sideOf(split);
  const pools = buildPools(side, options.madeUpCities, options.madeUpCountries, options.madeUpCurrencies);
  const matcher = new HeldOutMatcher();
  const order = rng.shuffle(
    Object.entries(allocate(count)).flatMap(([intent, n]) => Array(n).fill(intent) as string[]),
  );
  const result: SplitResult = { split, tasks: [], redrawn: {}, repeated: 0 };
  for (const intent of order) {
    const build = TASKS[intent];
    const mix = MIX[intent];
    if (build === undefined || mix === undefined) throw new Error(`Unknown intent ${intent}`);
    let accepted: TaskResult | undefined;
    let fallback: TaskResult | undefined;
    for (let draw = 0; draw < MAX_DRAWS && accepted === undefined; draw++) {
      const task = await build({ rng, side, pools, session, group: rng.weighted(mix.groups) });
      const why = task === undefined ? 'no fitting draw' : rejection(split, task, matcher, seen);
      if (why === undefined) accepted = task;
      else result.redrawn[`${intent}: ${why}`] = (result.redrawn[`${intent}: ${why}`] ?? 0) + 1;
      if (why === 'instruction in train' && task?.meta.entities.length === 0) fallback = task;
    }
    if (accepted === undefined && fallback !== undefined) {
      accepted = fallback;
      result.repeated++;
    }
    if (accepted === undefined)
      throw new Error(`${split}: no acceptable ${intent} task in ${MAX_DRAWS} draws`);
    result.tasks.push(accepted);
    options.onProgress?.(result.tasks.length, order.length);
  }
  return result;
}
