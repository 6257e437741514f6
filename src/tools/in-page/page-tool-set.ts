import type { Tool } from '../tool.ts';

/**
 * The tools a run offers: the REST tools with each page function in place of a REST tool of the same
 * name (the page's own implementation wins, keeping the tool's place in the models' list), then the
 * page functions that replace nothing.
 */
export function withPageTools(rest: readonly Tool[], page: readonly Tool[]): Tool[] {
  const byName = new Map(page.map((tool) => [tool.name, tool]));
  const merged = rest.map((tool) => byName.get(tool.name) ?? tool);
  const replaced = new Set(rest.map((tool) => tool.name));
  return [...merged, ...page.filter((tool) => !replaced.has(tool.name))];
}
