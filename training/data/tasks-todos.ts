import type { Todo } from '../../src/demo-api/demo-data.ts';
import { ANSWERS, THOUGHTS } from './data-files.ts';
import { DialogueBuilder, fillAnswer, showValue } from './dialogue-builder.ts';
import { phrase } from './phrasing.ts';
import { metaOf, objectOf, objectsOf, type TaskBuilder, type TaskContext } from './task-types.ts';
import { dueDate, textNotIn, todoList, todoText } from './todo-texts.ts';

/** The filter and answer formats of each list phrasing group. */
const LISTS: Record<string, { done?: boolean; format: string; empty: string }> = {
  todo_list_all: { format: ANSWERS.todoListAll, empty: ANSWERS.todoListEmptyAll },
  todo_list_open: { done: false, format: ANSWERS.todoListOpen, empty: ANSWERS.todoListEmptyOpen },
  todo_list_done: { done: true, format: ANSWERS.todoListDone, empty: ANSWERS.todoListEmptyDone },
};

/** A fresh todo list on the server, with at least one open item. */
async function seedTodos(ctx: TaskContext, min: number, max: number): Promise<Todo[]> {
  const todos = todoList(ctx.rng, ctx.side, ctx.rng.int(min, max));
  const open = todos[ctx.rng.int(0, todos.length - 1)];
  if (open !== undefined) open.done = false;
  await ctx.session.setTodos(todos);
  return todos;
}

/** Lists the todos (all, open or done) and names each with its id. */
export const listTodosTask: TaskBuilder = async (ctx) => {
  const list = LISTS[ctx.group];
  if (list === undefined) throw new Error(`No todo list answer for group ${ctx.group}`);
  await seedTodos(ctx, 1, 6);
  const said = phrase(ctx.rng, ctx.side, ctx.group);
  const builder = new DialogueBuilder(ctx.session, said.text);
  const args = list.done === undefined ? {} : { done: list.done };
  const items = objectsOf(await builder.call(THOUGHTS.listTodos, 'listTodos', args));
  const shown = items.map((item) => fillAnswer(ANSWERS.todoItem, item));
  const answer = items.length === 0 ? list.empty : fillAnswer(list.format, { items: shown.join('; ') });
  builder.conclude(THOUGHTS.answer, answer);
  const values = items.flatMap((item) => [showValue(item.text ?? ''), showValue(item.id ?? '')]);
  return { dialogue: builder.dialogue(), meta: metaOf('todo_list', said, values) };
};

/** Adds a todo (with a due date for the `_due` group); the generator confirms the mutating call. */
export const addTodoTask: TaskBuilder = async (ctx) => {
  await seedTodos(ctx, 0, 4);
  const withDue = ctx.group === 'todo_add_due';
  const slots: Record<string, string> = { text: todoText(ctx.rng, ctx.side) };
  if (withDue) slots.due = dueDate(ctx.rng);
  const said = phrase(ctx.rng, ctx.side, ctx.group, slots);
  const builder = new DialogueBuilder(ctx.session, said.text);
  const args = withDue
    ? { text: said.slots.text ?? '', due: said.slots.due ?? '' }
    : { text: said.slots.text ?? '' };
  const todo = objectOf(await builder.call(THOUGHTS.addTodo, 'createTodo', args));
  if (todo === undefined) return undefined;
  builder.conclude(THOUGHTS.answer, fillAnswer(withDue ? ANSWERS.todoAddedDue : ANSWERS.todoAdded, todo));
  const values = ['text', 'id', ...(withDue ? ['due'] : [])].map((field) => showValue(todo[field] ?? ''));
  return { dialogue: builder.dialogue(), meta: metaOf('todo_add', said, values) };
};

/** Completes or deletes the todo with id `id` and concludes from the response (or the 404). */
async function actOnId(ctx: TaskContext, builder: DialogueBuilder, id: number, known: Todo | undefined) {
  const deleting = ctx.group.startsWith('todo_delete');
  const operation = deleting ? 'deleteTodo' : 'completeTodo';
  const body = objectOf(
    await builder.call(deleting ? THOUGHTS.deleteTodo : THOUGHTS.completeTodo, operation, { todo_id: id }),
  );
  if (body === undefined) {
    builder.conclude(THOUGHTS.apiError, fillAnswer(ANSWERS.noTodoId, { id }));
    return [String(id)];
  }
  if (!deleting) {
    builder.conclude(THOUGHTS.answer, fillAnswer(ANSWERS.todoCompleted, body));
    return [showValue(body.text ?? ''), showValue(body.id ?? '')];
  }
  const format = known === undefined ? ANSWERS.todoDeleted : ANSWERS.todoDeletedText;
  builder.conclude(THOUGHTS.answer, fillAnswer(format, { ...body, text: known?.text ?? '' }));
  return known === undefined ? [showValue(body.deleted ?? '')] : [known.text, showValue(body.deleted ?? '')];
}

/** Completes or deletes a todo given by id; `missing` picks an id that is not on the list (a 404). */
function byIdTask(intent: string, missing: boolean): TaskBuilder {
  return async (ctx) => {
    const todos = await seedTodos(ctx, 1, 6);
    const open = todos.filter((todo) => !todo.done);
    const ids = todos.map((todo) => todo.id);
    let id = ctx.rng.pick(open).id;
    while (missing && ids.includes(id)) id = ctx.rng.int(1, (ids.at(-1) ?? 1) + 30);
    const said = phrase(ctx.rng, ctx.side, ctx.group, { id: String(id) });
    const builder = new DialogueBuilder(ctx.session, said.text);
    const values = await actOnId(ctx, builder, id, undefined);
    return { dialogue: builder.dialogue(), meta: metaOf(intent, said, missing ? [] : values) };
  };
}

/** Completes or deletes a todo named by its text: listTodos, find the item, act on its id; `missing` names one not on the list. */
function byTextTask(intent: string, missing: boolean): TaskBuilder {
  return async (ctx) => {
    const todos = await seedTodos(ctx, 2, 6);
    const target = ctx.rng.pick(todos.filter((todo) => !todo.done));
    const text = missing ? textNotIn(ctx.rng, ctx.side, todos) : target.text;
    const said = phrase(ctx.rng, ctx.side, ctx.group, { text });
    const builder = new DialogueBuilder(ctx.session, said.text);
    const items = objectsOf(await builder.call(THOUGHTS.findTodo, 'listTodos', {}));
    const wanted = (said.slots.text ?? '').toLowerCase();
    const match = items.find((item) => String(item.text).toLowerCase() === wanted);
    if (missing !== (match === undefined)) return undefined;
    if (match === undefined) {
      builder.conclude(THOUGHTS.noTodo, fillAnswer(ANSWERS.noTodoText, { text: said.slots.text ?? '' }));
      return { dialogue: builder.dialogue(), meta: metaOf(intent, said, []) };
    }
    const known = todos.find((todo) => todo.id === match.id);
    const values = await actOnId(ctx, builder, Number(match.id), known);
    return { dialogue: builder.dialogue(), meta: metaOf(intent, said, values) };
  };
}

/** Completes a todo given by its id. */
export const completeTodoByIdTask = byIdTask('todo_complete_id', false);
/** Deletes a todo given by its id. */
export const deleteTodoByIdTask = byIdTask('todo_delete_id', false);
/** Completes or deletes an id that is not on the list: a 404 the planner reacts to. */
export const missingTodoIdTask = byIdTask('todo_missing_id', true);
/** Completes a todo named by its text (a listTodos → completeTodo chain). */
export const completeTodoByTextTask = byTextTask('todo_complete_text', false);
/** Deletes a todo named by its text (a listTodos → deleteTodo chain). */
export const deleteTodoByTextTask = byTextTask('todo_delete_text', false);
/** Names a todo that is not on the list: the planner concludes after listing. */
export const missingTodoTextTask = byTextTask('todo_missing_text', true);
