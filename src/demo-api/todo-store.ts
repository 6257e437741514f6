/** A todo item, as the todo operations answer it. */
export interface Todo {
  id: number;
  text: string;
  done: boolean;
  /** Due date `YYYY-MM-DD`, or null. */
  due: string | null;
}

const SEED: readonly Todo[] = [
  { id: 1, text: 'Buy milk', done: false, due: '2025-06-02' },
  { id: 2, text: 'Book flights to Oslo', done: false, due: null },
  { id: 3, text: 'Renew passport', done: true, due: '2025-05-20' },
];

/** In-memory todos of one demo server, seeded with three; `reset` restores the seed. */
export class TodoStore {
  private todos: Todo[] = [];
  private nextId = 1;

  constructor() {
    this.reset();
  }

  /** Back to the three seeded todos; new ids start at 4 again. */
  reset(): void {
    this.todos = SEED.map((todo) => ({ ...todo }));
    this.nextId = SEED.length + 1;
  }

  /** Todos in id order, optionally only done or only open ones, at most `limit`. */
  list(done: boolean | undefined, limit: number): Todo[] {
    return this.todos
      .filter((todo) => done === undefined || todo.done === done)
      .slice(0, limit)
      .map((todo) => ({ ...todo }));
  }

  /** Adds an open todo and returns it. */
  create(text: string, due: string | null): Todo {
    const todo: Todo = { id: this.nextId++, text, done: false, due };
    this.todos.push(todo);
    return { ...todo };
  }

  /** Marks a todo done (again is fine); undefined when there is no such id. */
  complete(id: number): Todo | undefined {
    const todo = this.todos.find((item) => item.id === id);
    if (!todo) return undefined;
    todo.done = true;
    return { ...todo };
  }

  /** Removes a todo; false when there is no such id. */
  delete(id: number): boolean {
    const before = this.todos.length;
    this.todos = this.todos.filter((item) => item.id !== id);
    return this.todos.length < before;
  }
}
