import { type ReactNode, useLayoutEffect, useReducer, useRef, useState } from 'react';
import type { Step } from '../agent/trajectory.ts';
import { StepCard } from './step-card.tsx';

/** Runs up to this many steps render every step; longer ones render only those near the view. */
export const WINDOW_FROM_STEPS = 60;
/** Height assumed for a step not measured yet, and the gap between steps (0.5rem), in pixels. */
const ESTIMATED_HEIGHT = 160;
const GAP = 8;
/** Pixels rendered above and below the visible part, so fast scrolling shows no blank space. */
const OVERSCAN = 800;

/** The first index whose offset is after `y` (binary search over ascending offsets). */
function indexAfter(offsets: readonly number[], y: number): number {
  let low = 0;
  let high = offsets.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((offsets[middle] ?? 0) <= y) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The steps of a run as one scrolling list. Long runs are windowed: only steps near the view are in
 * the DOM, with spacers for the rest, measured as they render; the view follows new steps while it is
 * scrolled to the end.
 */
export function StepWindow({ steps, live }: { steps: readonly Step[]; live: ReactNode }) {
  const scroller = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLOListElement>(null);
  const heights = useRef(new Map<number, number>());
  const [view, setView] = useState({ top: 0, height: 800 });
  const [, remeasured] = useReducer((count: number) => count + 1, 0);
  const windowed = steps.length > WINDOW_FROM_STEPS;

  const offsets: number[] = [];
  let total = 0;
  for (const step of steps) {
    offsets.push(total);
    total += (heights.current.get(step.index) ?? ESTIMATED_HEIGHT) + GAP;
  }
  const first = windowed ? Math.max(indexAfter(offsets, view.top - OVERSCAN) - 1, 0) : 0;
  const end = windowed ? indexAfter(offsets, view.top + view.height + OVERSCAN) : steps.length;
  const visible = steps.slice(first, end);
  const before = offsets[first] ?? 0;
  const after = windowed ? total - (offsets[end] ?? total) : 0;

  // Measure the rendered steps; a changed height (a details element opened) renders again.
  useLayoutEffect(() => {
    const element = list.current;
    if (!windowed || element === null) return;
    const measure = () => {
      let changed = false;
      for (const child of Array.from(element.children)) {
        const index = Number((child as HTMLElement).dataset.index);
        const height = (child as HTMLElement).offsetHeight;
        if (Number.isNaN(index) || height === 0 || heights.current.get(index) === height) continue;
        heights.current.set(index, height);
        changed = true;
      }
      if (changed) remeasured();
    };
    measure();
    const observer = new ResizeObserver(measure);
    for (const child of Array.from(element.children)) observer.observe(child);
    return () => observer.disconnect();
  });

  // Follow the end of a growing run while the user is there (after every render: steps, live text).
  const atEnd = useRef(true);
  useLayoutEffect(() => {
    const element = scroller.current;
    if (element !== null && atEnd.current) element.scrollTop = element.scrollHeight;
  });

  return (
    <div
      ref={scroller}
      className="umi-app__step-window"
      onScroll={(event) => {
        const element = event.currentTarget;
        atEnd.current = element.scrollHeight - element.scrollTop - element.clientHeight < 40;
        if (windowed) setView({ top: element.scrollTop, height: element.clientHeight });
      }}
    >
      <ol
        ref={list}
        className="umi-app__steps"
        aria-label="Steps"
        start={first + 1}
        style={windowed ? { paddingTop: before, paddingBottom: after } : undefined}
      >
        {visible.map((step) => (
          <StepCard key={step.index} step={step} />
        ))}
        {end === steps.length && live}
      </ol>
    </div>
  );
}
