import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../agent/errors.ts';
import { JsonlLog } from './jsonl-log.ts';

async function file(text: string | undefined): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'umi-jsonl-')), 'log.jsonl');
  if (text !== undefined) await writeFile(path, text);
  return path;
}

describe('JsonlLog', () => {
  it('creates a missing file and appends one line per record', async () => {
    const path = await file(undefined);
    const log = await JsonlLog.open(path);
    expect(log.records).toEqual([]);
    await log.append({ step: 0 });
    await log.append({ step: 1 });
    expect(await readFile(path, 'utf8')).toBe('{"step":0}\n{"step":1}\n');
    expect((await JsonlLog.open(path)).records).toEqual([{ step: 0 }, { step: 1 }]);
  });

  it('drops a last line cut short by an interruption, and appends after the good lines', async () => {
    const path = await file('{"step":0}\n{"step":1}\n{"step":2,"pl');
    const log = await JsonlLog.open(path);
    expect(log.records).toEqual([{ step: 0 }, { step: 1 }]);
    await log.append({ step: 2 });
    expect(await readFile(path, 'utf8')).toBe('{"step":0}\n{"step":1}\n{"step":2}\n');
  });

  it('keeps a complete last line that lacks its newline', async () => {
    const path = await file('{"step":0}\n{"step":1}');
    const log = await JsonlLog.open(path);
    await log.append({ step: 2 });
    expect(await readFile(path, 'utf8')).toBe('{"step":0}\n{"step":1}\n{"step":2}\n');
  });

  it('refuses a broken line in the middle, naming it', async () => {
    const path = await file('{"step":0}\nnot json\n{"step":2}\n');
    await expect(JsonlLog.open(path)).rejects.toThrow(UserError);
    await expect(JsonlLog.open(path)).rejects.toThrow(/line 2 is not a JSON object/);
  });
});
