import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { UserError } from '../../agent/errors.ts';
import { isJsonObject, type JsonObject } from '../../agent/json.ts';

/**
 * An append-only JSON Lines file that survives interruption: opening it keeps every complete line
 * and drops a last line cut short by a crash (rewriting the file without it).
 */
export class JsonlLog {
  readonly path: string;
  readonly records: JsonObject[];

  private constructor(path: string, records: JsonObject[]) {
    this.path = path;
    this.records = records;
  }

  /** Opens (or creates) the log; a UserError names a broken line that is not the last. */
  static async open(path: string): Promise<JsonlLog> {
    const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw new UserError(`Cannot read ${path}: ${error.message}`);
    });
    const lines = text.split('\n');
    const records: JsonObject[] = [];
    for (const [index, line] of lines.entries()) {
      if (line.trim() === '') continue;
      const value = parseLine(line);
      if (value !== undefined) records.push(value);
      else if (index < lines.length - 1) {
        throw new UserError(
          `${path} line ${index + 1} is not a JSON object; fix or delete the file to start over.`,
        );
      }
      // else: the last line, cut short by an interruption; dropped.
    }
    const canonical = records.map((record) => `${JSON.stringify(record)}\n`).join('');
    if (text === '' || text !== canonical) await writeFile(path, canonical);
    return new JsonlLog(path, records);
  }

  /**
   * Checks that the lines already written are the items of this run, in order: line i's `field` must be
   * `expected[i]` (lines past the run are left alone). A UserError naming the line otherwise.
   */
  checkOrder(field: string, expected: readonly unknown[], item: string): void {
    this.records.forEach((record, index) => {
      if (index < expected.length && record[field] !== expected[index])
        throw new UserError(
          `${this.path} line ${index + 1} is not ${item} ${index}; delete it to start over.`,
        );
    });
  }

  /** Appends one record as a line (written before it returns). */
  async append(record: JsonObject): Promise<void> {
    await appendFile(this.path, `${JSON.stringify(record)}\n`);
    this.records.push(record);
  }
}

function parseLine(line: string): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return isJsonObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
