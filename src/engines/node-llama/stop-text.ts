/** What to emit after new text arrived, and whether a stop string ended the generation. */
export interface StopStep {
  /** Text that is final now (never part of a stop string). */
  emit: string;
  stopped: boolean;
}

/**
 * Streams generated text while cutting it before the earliest stop string. Text that could still
 * grow into a stop string (a suffix that is a stop string's prefix) is held back until it cannot,
 * so a stop string split over several tokens is never emitted. With `trimEnd`, trailing
 * whitespace is held back too and dropped at the end.
 */
export class StopText {
  readonly #stops: readonly string[];
  readonly #trimEnd: boolean;
  #text = '';
  #emitted = 0;
  #stopped = false;

  constructor(stops: readonly string[], trimEnd = false) {
    this.#stops = [...new Set(stops)].filter((stop) => stop !== '');
    this.#trimEnd = trimEnd;
  }

  /** The text emitted so far. */
  get text(): string {
    return this.#text.slice(0, this.#emitted);
  }

  /** Adds generated text; returns the part that became final. */
  push(piece: string): StopStep {
    if (this.#stopped) return { emit: '', stopped: true };
    this.#text += piece;
    const at = this.#earliestStop();
    if (at >= 0) {
      this.#stopped = true;
      return { emit: this.#emitUpTo(this.#trimmedEnd(at)), stopped: true };
    }
    const held = Math.max(this.#stopPrefixLength(), this.#text.length - this.#trimmedEnd(this.#text.length));
    return { emit: this.#emitUpTo(this.#text.length - held), stopped: false };
  }

  /** Ends the stream (no stop string came): returns the held-back text that is final now. */
  finish(): string {
    if (this.#stopped) return '';
    this.#stopped = true;
    return this.#emitUpTo(this.#trimmedEnd(this.#text.length));
  }

  #emitUpTo(end: number): string {
    if (end <= this.#emitted) return '';
    const emit = this.#text.slice(this.#emitted, end);
    this.#emitted = end;
    return emit;
  }

  /** Where the earliest stop string starts, searching only where a new one can be (-1: none). */
  #earliestStop(): number {
    let earliest = -1;
    for (const stop of this.#stops) {
      const at = this.#text.indexOf(stop, Math.max(0, this.#emitted - stop.length + 1));
      if (at >= 0 && (earliest < 0 || at < earliest)) earliest = at;
    }
    return earliest;
  }

  /** Length of the longest suffix of the unemitted text that begins some stop string. */
  #stopPrefixLength(): number {
    let longest = 0;
    const pending = this.#text.slice(this.#emitted);
    for (const stop of this.#stops) {
      for (let length = Math.min(stop.length - 1, pending.length); length > longest; length--) {
        if (pending.endsWith(stop.slice(0, length))) {
          longest = length;
          break;
        }
      }
    }
    return longest;
  }

  /** `end`, moved back over trailing whitespace when trimming (never before what was emitted). */
  #trimmedEnd(end: number): number {
    if (!this.#trimEnd) return end;
    let trimmed = end;
    while (trimmed > this.#emitted && /\s/.test(this.#text.charAt(trimmed - 1))) trimmed--;
    return trimmed;
  }
}
