import type { Todo } from '../../src/demo-api/demo-data.ts';
import { type PoolSide, WORDS } from './data-files.ts';
import { fillSlots } from './phrasing.ts';
import type { Rng } from './rng.ts';

/** A todo text from a pattern and the side's word lists ("email Maria about the rent"). */
export function todoText(rng: Rng, side: PoolSide): string {
  const pattern = rng.pick(WORDS.todoPatterns);
  const slots: Record<string, string> = {};
  for (const match of pattern.matchAll(/\{(\w+)\}/g)) {
    const name = match[1] ?? '';
    const list = WORDS.todoSlots[name];
    if (list === undefined) throw new Error(`No todo words for slot {${name}}`);
    slots[name] = rng.pick(side === 'train' ? list.train : list.ood);
  }
  const text = fillSlots(pattern, slots);
  return rng.chance(0.5) ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

/** A due date in 2026 as YYYY-MM-DD. */
export function dueDate(rng: Rng): string {
  const month = rng.int(1, 12);
  const day = rng.int(1, month === 2 ? 28 : 30);
  return `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A todo list of `count` items with distinct texts and increasing, gappy ids (some done, some due). */
export function todoList(rng: Rng, side: PoolSide, count: number): Todo[] {
  const todos: Todo[] = [];
  const texts = new Set<string>();
  let id = rng.int(1, 60);
  while (todos.length < count) {
    const text = todoText(rng, side);
    if (texts.has(text.toLowerCase())) continue;
    texts.add(text.toLowerCase());
    todos.push({ id, text, due: rng.chance(0.4) ? dueDate(rng) : null, done: rng.chance(0.3) });
    id += rng.int(1, 4);
  }
  return todos;
}

/** A todo text not on the list (compared case-insensitively). */
export function textNotIn(rng: Rng, side: PoolSide, todos: readonly Todo[]): string {
  for (;;) {
    const text = todoText(rng, side);
    if (!todos.some((todo) => todo.text.toLowerCase() === text.toLowerCase())) return text;
  }
}
