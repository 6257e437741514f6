import type { Tool } from '../tool.ts';

/** How bad a problem is: an error makes the document broken; a warning is worth knowing. */
export type Severity = 'error' | 'warning';

/** One thing wrong with an imported document, and where it is. */
export interface Problem {
  message: string;
  /** Where: `paths./pets.get.parameters[0]`, `Pet.yaml#/properties/id`, `spec.yaml:12:5`, `(root)`. */
  location: string;
  severity: Severity;
}

/** What an import gives: the API's name, the tools it could build and every problem found. */
export interface ImportResult {
  api: string;
  tools: Tool[];
  problems: Problem[];
}

/** Location of problems about the document as a whole. */
export const ROOT_LOCATION = '(root)';

/** Collects problems in the order found, dropping exact repeats. */
export class ProblemList {
  readonly items: Problem[] = [];
  private readonly seen = new Set<string>();

  /** Records an error: the document is broken there. */
  error(message: string, location: string): void {
    this.add({ message, location, severity: 'error' });
  }

  /** Records a warning: imported, but worth knowing. */
  warning(message: string, location: string): void {
    this.add({ message, location, severity: 'warning' });
  }

  /** Records a problem unless the same one (message, location, severity) is already there. */
  add(problem: Problem): void {
    const key = `${problem.severity}\u0000${problem.location}\u0000${problem.message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.items.push(problem);
  }

  /** Number of problems recorded so far (to tell whether a step added any). */
  get count(): number {
    return this.items.length;
  }

  /** Errors recorded at `location` or inside it (a location that starts with it). */
  errorsWithin(location: string): Problem[] {
    return this.items.filter(
      (problem) =>
        problem.severity === 'error' &&
        (problem.location === location ||
          problem.location.startsWith(`${location}.`) ||
          problem.location.startsWith(`${location}[`)),
    );
  }
}

/** True when any problem is an error. */
export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((problem) => problem.severity === 'error');
}
