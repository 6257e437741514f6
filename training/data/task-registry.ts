import { MIX } from './data-files.ts';
import type { TaskBuilder } from './task-types.ts';
import { chatTask, giveUpTask } from './tasks-chat.ts';
import {
  citiesInCountryTask,
  cityPopulationTask,
  timeTask,
  unknownCityTask,
  weatherTask,
} from './tasks-places.ts';
import {
  addTodoTask,
  completeTodoByIdTask,
  completeTodoByTextTask,
  deleteTodoByIdTask,
  deleteTodoByTextTask,
  listTodosTask,
  missingTodoIdTask,
  missingTodoTextTask,
} from './tasks-todos.ts';
import { convertTask, countryFactsTask, unknownCountryTask, unknownCurrencyTask } from './tasks-world.ts';

/** The builder of every intent of mix.json. */
export const TASKS: Readonly<Record<string, TaskBuilder>> = {
  weather: weatherTask,
  time: timeTask,
  city_population: cityPopulationTask,
  cities_in_country: citiesInCountryTask,
  country_facts: countryFactsTask,
  convert: convertTask,
  todo_list: listTodosTask,
  todo_add: addTodoTask,
  todo_complete_id: completeTodoByIdTask,
  todo_delete_id: deleteTodoByIdTask,
  todo_complete_text: completeTodoByTextTask,
  todo_delete_text: deleteTodoByTextTask,
  chat: chatTask,
  give_up: giveUpTask,
  unknown_city: unknownCityTask,
  unknown_country: unknownCountryTask,
  unknown_currency: unknownCurrencyTask,
  todo_missing_id: missingTodoIdTask,
  todo_missing_text: missingTodoTextTask,
};

/** Exact counts per intent for `total` tasks, in proportion to the mix weights (largest remainder). */
export function allocate(total: number): Record<string, number> {
  const entries = Object.entries(MIX);
  const weight = entries.reduce((sum, [, intent]) => sum + intent.weight, 0);
  const exact = entries.map(([name, intent]) => ({ name, share: (total * intent.weight) / weight }));
  const counts: Record<string, number> = Object.fromEntries(
    exact.map(({ name, share }) => [name, Math.floor(share)]),
  );
  let left = total - Object.values(counts).reduce((sum, count) => sum + count, 0);
  const byRemainder = [...exact].sort(
    (a, b) => b.share - Math.floor(b.share) - (a.share - Math.floor(a.share)),
  );
  for (const { name } of byRemainder) {
    if (left-- <= 0) break;
    counts[name] = (counts[name] ?? 0) + 1;
  }
  return counts;
}
