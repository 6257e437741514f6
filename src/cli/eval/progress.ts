import { formatDuration } from '../../eval/format-duration.ts';

/** Where a progress bar draws and how it tells time. */
export interface ProgressOutput {
  write: (text: string) => void;
  /** A terminal: redraw one line in place; otherwise print a line every 5%. */
  tty: boolean;
  now: () => number;
}

/** A progress bar for `total` items of which `done` are already finished (a resumed run). */
export interface Progress {
  /** One more item finished. */
  tick(): void;
  /** Ends the bar (a newline on a terminal). */
  end(): void;
}

const WIDTH = 24;

/** One line: label, bar, count, percent, seconds per item and the ETA from this session's pace. */
export function progressLine(
  label: string,
  done: number,
  total: number,
  perItem: number | undefined,
): string {
  const fraction = total === 0 ? 1 : done / total;
  const filled = Math.round(fraction * WIDTH);
  const bar = `${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}`;
  const pace =
    perItem === undefined
      ? ''
      : `  ${perItem.toFixed(2)} s/${label.replace(/s$/, '')}  ETA ${formatDuration(perItem * (total - done))}`;
  return `${label} [${bar}] ${done}/${total} ${(fraction * 100).toFixed(1)}%${pace}`;
}

/** Starts a progress bar on `output`; the pace counts only items finished in this session. */
export function startProgress(label: string, total: number, done: number, output: ProgressOutput): Progress {
  const started = output.now();
  const skipped = done;
  let current = done;
  let lastPrinted = -1;
  const every = Math.max(1, Math.ceil(total / 20));
  const draw = (force: boolean) => {
    const made = current - skipped;
    const perItem = made === 0 ? undefined : (output.now() - started) / 1000 / made;
    const line = progressLine(label, current, total, perItem);
    if (output.tty) output.write(`\r${line}\u001b[K`);
    else if (force || current - lastPrinted >= every || current === total) {
      output.write(`${line}\n`);
      lastPrinted = current;
    }
  };
  draw(true);
  return {
    tick() {
      current++;
      draw(false);
    },
    end() {
      if (output.tty) output.write('\n');
    },
  };
}
