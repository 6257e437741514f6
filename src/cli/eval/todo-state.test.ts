import { describe, expect, it } from 'vitest';
import type { Turn } from '../../agent/trajectory.ts';
import { todoStateOf } from './todo-state.ts';

const user: Turn = { from: 'user', value: 'Do it' };
const call = (name: string, input: string): Turn => ({
  from: 'caller',
  value: `Action: ${name}\nAction Input: ${input}`,
});
const seen = (value: string): Turn => ({ from: 'observation', value });

describe('todoStateOf', () => {
  it('is undefined for a dialogue that calls no todo operation', () => {
    expect(
      todoStateOf([user, call('searchcities_for_demo', '{"name": "Lyon"}'), seen('[]')]),
    ).toBeUndefined();
  });

  it('keeps a listed todo list as listed, even from an observation cut at 1024 characters', () => {
    const listed =
      '[{"id": 59, "text": "prepare for the \\"hackathon\\"", "due": null, "done": true}, ' +
      '{"id": 64, "text": "Make baklava", "due": "2026-08-17", "done": false}, {"id": 67, "text": "Vis...';
    expect(todoStateOf([user, call('listtodos_for_demo', '{}'), seen(listed)])).toEqual([
      { id: 59, text: 'prepare for the "hackathon"', due: null, done: true },
      { id: 64, text: 'Make baklava', due: '2026-08-17', done: false },
    ]);
  });

  it('seeds a completed todo as still open, so completing it again gives the same answer', () => {
    const done = '{"id": 65, "text": "Bake bread", "due": null, "done": true}';
    expect(todoStateOf([user, call('completetodo_for_demo', '{"todo_id": 65}'), seen(done)])).toEqual([
      { id: 65, text: 'Bake bread', due: null, done: false },
    ]);
  });

  it('stands in for a deleted todo the dialogue never showed', () => {
    expect(
      todoStateOf([user, call('deletetodo_for_demo', '{"todo_id": 5}'), seen('{"deleted": 5}')]),
    ).toEqual([{ id: 5, text: '(todo 5)', due: null, done: false }]);
  });

  it('adds an item below a created todo so that the new id comes out the same', () => {
    const created = '{"id": 18, "text": "Water the plants", "due": null, "done": false}';
    expect(
      todoStateOf([user, call('createtodo_for_demo', '{"text": "Water the plants"}'), seen(created)]),
    ).toEqual([{ id: 17, text: '(todo 17)', due: null, done: true }]);
  });

  it('seeds an empty list for an id the API did not know, so it is still unknown', () => {
    const missing = '{"error": "HTTP 404 Not Found", "response": "{\\"error\\":\\"No todo with id 20\\"}"}';
    expect(todoStateOf([user, call('completetodo_for_demo', '{"todo_id": 20}'), seen(missing)])).toEqual([]);
  });
});
