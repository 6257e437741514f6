import { FAULT_KINDS, type FaultKind, type FaultTable } from './faults.ts';
import { ROUTES } from './routes.ts';

/** What the test-only control endpoints act on. */
export interface ControlTarget {
  faults: FaultTable;
  /** Calls per operationId since the last reset (operations never called are absent). */
  stats: Record<string, number>;
  /** Restores the seeded data. */
  resetData(): void;
}

/** The status and JSON body a control endpoint answers. */
export interface ControlAnswer {
  status: number;
  answer: unknown;
}

const ENDPOINTS: Readonly<Record<string, string>> = {
  '/_control/fault': 'POST',
  '/_control/reset': 'POST',
  '/_control/stats': 'GET',
};

/**
 * `POST /_control/fault` `{operation, kind, times?}` makes the next `times` calls of an operation
 * fail; `POST /_control/reset` restores the seeded data and clears faults and counts;
 * `GET /_control/stats` gives the calls per operation.
 */
export function controlAnswer(
  target: ControlTarget,
  method: string,
  path: string,
  body: unknown,
): ControlAnswer {
  const expected = ENDPOINTS[path];
  if (expected === undefined) {
    return {
      status: 404,
      answer: { error: `No control endpoint ${path}; use ${Object.keys(ENDPOINTS).join(', ')}` },
    };
  }
  if (method !== expected) return { status: 405, answer: { error: `Use ${expected} ${path}` } };
  if (path === '/_control/stats') return { status: 200, answer: { ...target.stats } };
  if (path === '/_control/reset') {
    target.resetData();
    target.faults.clear();
    for (const key of Object.keys(target.stats)) delete target.stats[key];
    return { status: 200, answer: { reset: true } };
  }
  const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const operations = ROUTES.map((route) => route.operationId);
  const usage = `Give {"operation": one of ${operations.join(', ')}, "kind": one of ${FAULT_KINDS.join(', ')}, "times"?: n}`;
  const kind = input.kind as FaultKind;
  if (
    typeof input.operation !== 'string' ||
    !operations.includes(input.operation) ||
    !FAULT_KINDS.includes(kind)
  ) {
    return { status: 400, answer: { error: usage } };
  }
  const times = input.times ?? 1;
  if (typeof times !== 'number' || !Number.isInteger(times) || times < 1 || times > 1000) {
    return { status: 400, answer: { error: 'times must be an integer from 1 to 1000' } };
  }
  target.faults.add(input.operation, kind, times);
  return { status: 200, answer: { operation: input.operation, kind, times } };
}
