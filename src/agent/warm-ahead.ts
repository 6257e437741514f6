import type { ChatMessage, Engine, WarmUsage } from '../engines/engine.ts';
import { chatMlText } from './chat-prompts.ts';
import type { RoleRequest } from './role-requests.ts';
import type { AlphaUmiRoles } from './run-options.ts';
import type { RunContext } from './run-steps.ts';
import type { Turn, TurnRole } from './trajectory.ts';

/** A role of the three-model loop. */
export type AlphaUmiRoleName = keyof AlphaUmiRoles;

/** One model input of a role for a history, without its constraint. */
export type RoleInput = (role: AlphaUmiRoleName, turns: readonly Turn[]) => RoleRequest['input'];

/** A turn whose text is not known yet: the warm-up covers the history up to where it starts. */
export interface PendingTurn {
  from: TurnRole;
}

/**
 * The text a prompt is certain to start with whatever the pending turn will say: the common prefix
 * of the prompt rendered with two different texts in its place, without trailing spaces (a space
 * before a word is tokenized with the word).
 */
export function certainPrefix(render: (pendingText: string) => string): string {
  const first = render('A');
  const second = render('B');
  let shared = 0;
  while (shared < first.length && first.charCodeAt(shared) === second.charCodeAt(shared)) shared++;
  return first.slice(0, shared).replace(/ +$/, '');
}

/**
 * Overlaps the models: while one role's model works, another role's model
 * evaluates the part of its next prompt that is already certain into its cache, so that its turn
 * prefills only the rest. Engines without `warm`, chat-template engines, and an engine that is busy
 * or already being warmed in the same batch are left alone. Warm-ups are recorded on the trajectory.
 */
export class WarmAhead {
  readonly #context: RunContext;
  readonly #roles: AlphaUmiRoles;
  readonly #input: RoleInput;
  readonly #pending = new Set<Promise<void>>();

  constructor(context: RunContext, roles: AlphaUmiRoles, input: RoleInput) {
    this.#context = context;
    this.#roles = roles;
    this.#input = input;
  }

  /**
   * Warms each of `roles` with its prompt for `turns` followed by `pending`, unless its engine is
   * `busy`'s (the model about to run meanwhile) or an earlier role's of this call.
   */
  start(
    roles: readonly AlphaUmiRoleName[],
    turns: readonly Turn[],
    pending: PendingTurn,
    busy?: AlphaUmiRoleName,
  ): void {
    const taken = new Set<Engine>(busy === undefined ? [] : [this.#roles[busy]]);
    for (const role of roles) {
      const engine = this.#roles[role];
      const warm = engine.warm?.bind(engine);
      if (taken.has(engine) || warm === undefined || !engine.capabilities.prefixReuse) continue;
      taken.add(engine);
      const prompt = certainPrefix((value) =>
        rawText(engine, this.#input(role, [...turns, { from: pending.from, value }])),
      );
      if (prompt !== '')
        this.#track(role, engine.modelId, () => warm({ prompt, signal: this.#context.signal }));
    }
  }

  /** Resolves once every warm-up started so far has ended (their records are then on the trajectory). */
  async settle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all(this.#pending);
  }

  #track(role: AlphaUmiRoleName, modelId: string, warm: () => Promise<WarmUsage>): void {
    const { trajectory, now } = this.#context;
    const startedAt = now();
    const done = warm().then(
      (usage) => {
        const durationMs = now() - startedAt;
        const record = { role, modelId, startedAt, durationMs, ...usage };
        trajectory.warmups = [...(trajectory.warmups ?? []), record];
      },
      // A warm-up only saves time: an engine that fails here fails again, with its message, on its turn.
      () => undefined,
    );
    this.#pending.add(done);
    void done.finally(() => this.#pending.delete(done));
  }
}

/** The raw text an input is evaluated as; chat-template engines render messages themselves (no warm-up). */
function rawText(engine: Engine, input: string | readonly ChatMessage[]): string {
  if (typeof input === 'string') return input;
  return engine.capabilities.chat ? '' : chatMlText(input);
}
