import { parseCallerOutput } from '../../agent/output-parsers.ts';
import type { Turn } from '../../agent/trajectory.ts';
import type { Todo } from '../../demo-api/demo-data.ts';

/** A todo item as the demo API serializes it (found even in observations cut at 1024 characters). */
const TODO_ITEM =
  /\{"id": (\d+), "text": ("(?:[^"\\]|\\.)*"), "due": (null|"[^"]*"), "done": (true|false)\}/g;
const DELETED = /^\{"deleted": (\d+)\}$/;
const CREATED_ID = /^\{"id": (\d+),/;

/** A stand-in for an item the dialogue never showed. */
function placeholder(id: number, done: boolean): Todo {
  return { id, text: `(todo ${id})`, due: null, done };
}

/**
 * The todo list the data generator seeded before a dialogue, rebuilt from what its gold observations
 * show (the task metadata does not record it): listed items as listed, a completed item as still
 * open, a deleted or never-shown id as a stand-in, and ids below a created item so the next id
 * matches. Undefined when the dialogue calls no todo operation.
 */
export function todoStateOf(turns: readonly Turn[]): Todo[] | undefined {
  const todos = new Map<number, Todo>();
  let touched = false;
  let created: number | undefined;
  let action = '';
  for (const turn of turns) {
    if (turn.from === 'caller') {
      action = parseCallerOutput(turn.value).action;
      if (/todo/i.test(action)) touched = true;
      continue;
    }
    if (turn.from !== 'observation') continue;
    if (action.startsWith('createtodo')) {
      const id = CREATED_ID.exec(turn.value)?.[1];
      if (id !== undefined) created = Number(id);
      continue;
    }
    const deleted = action.startsWith('deletetodo') ? DELETED.exec(turn.value)?.[1] : undefined;
    if (deleted !== undefined && !todos.has(Number(deleted))) {
      todos.set(Number(deleted), placeholder(Number(deleted), false));
    }
    for (const match of turn.value.matchAll(TODO_ITEM)) {
      const id = Number(match[1]);
      if (todos.has(id)) continue;
      const due = match[3] === 'null' ? null : (JSON.parse(match[3] ?? 'null') as string);
      const done = action.startsWith('completetodo') ? false : match[4] === 'true';
      todos.set(id, { id, text: JSON.parse(match[2] ?? '""') as string, due, done });
    }
  }
  if (!touched) return undefined;
  if (created !== undefined) {
    const largest = Math.max(0, ...todos.keys());
    if (largest < created - 1) todos.set(created - 1, placeholder(created - 1, true));
  }
  return [...todos.values()].sort((a, b) => a.id - b.id);
}
