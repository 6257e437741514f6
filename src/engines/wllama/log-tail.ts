/** The last lines llama.cpp logged inside wllama, to explain its terse errors. */
export class LogTail {
  readonly #lines: string[] = [];
  readonly #size: number;

  constructor(size = 30) {
    this.#size = size;
  }

  /** Records one logged message (wllama's logger passes console-style arguments). */
  record(...parts: unknown[]): void {
    const line = parts
      .map((part) => (part instanceof Error ? part.message : String(part)))
      .join(' ')
      .trim();
    if (line === '') return;
    this.#lines.push(line);
    if (this.#lines.length > this.#size) this.#lines.shift();
  }

  /** Forgets what was logged so far (before a new request). */
  clear(): void {
    this.#lines.length = 0;
  }

  /** The recorded lines that look like errors, without stack-trace noise, oldest first. */
  errors(): string[] {
    const wanted = this.#lines.filter(
      (line) =>
        /error|fail|invalid|exception|exceed|corrupt/i.test(line) &&
        !/^\s*at |Stack trace|typed array length/.test(line),
    );
    return [...new Set(wanted.map((line) => line.split('\n')[0] ?? line))];
  }
}
