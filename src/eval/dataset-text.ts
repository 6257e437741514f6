import { UserError } from '../agent/errors.ts';
import { parsePythonJson } from '../agent/python-json-parse.ts';
import { type Dialogue, parseDialogues } from './steps.ts';

const GZIP_MAGIC = [0x1f, 0x8b] as const;

/** True when the bytes start like a gzip stream. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];
}

/**
 * The text of a test file's bytes: gunzipped first when they are gzip (a `.json.gz`, or a server that
 * sent the compressed file as it is), then decoded as UTF-8.
 */
export async function datasetText(bytes: Uint8Array, where: string): Promise<string> {
  if (!isGzip(bytes)) return new TextDecoder().decode(bytes);
  try {
    const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
    return await new Response(stream).text();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UserError(`${where} looks gzipped but does not decompress (${reason}): is it truncated?`);
  }
}

/** A test file's text as checked dialogues; a UserError names the file and what is wrong. */
export function parseDataset(text: string, where: string): Dialogue[] {
  const parsed = parsePythonJson(text);
  if (!parsed.ok) throw new UserError(`${where} is not valid JSON: ${parsed.error}`);
  try {
    return parseDialogues(parsed.value);
  } catch (error) {
    if (error instanceof UserError)
      throw new UserError(`${where} is not a ToolBench-format test file: ${error.message}`);
    throw error;
  }
}
