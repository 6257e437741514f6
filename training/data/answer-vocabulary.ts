import { writtenWords } from '../../src/agent/answer-grammar.ts';
import { ANSWERS } from './data-files.ts';

/**
 * The words the summarizer is trained to answer with besides the values it copies: the answer
 * formats' words, placeholders left out. Shipped in the manifest, so grounded answers may use only
 * these and the words of the task and the observations.
 */
export function answerVocabulary(): string[] {
  const formats = Object.values(ANSWERS).map((format) => format.replace(/\{[a-z_]+\}/g, ' '));
  return [...writtenWords(formats)].sort();
}
