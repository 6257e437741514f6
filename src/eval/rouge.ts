import { pythonSplitWhitespace } from '../agent/python-text.ts';

/**
 * Sentences as the `rouge` 1.0.1 package makes them: split on `.`, drop zero-length segments,
 * then normalise whitespace (`" ".join(seg.split())`), so a whitespace-only segment stays as `''`.
 */
export function rougeSentences(text: string): string[] {
  return text
    .split('.')
    .filter((segment) => segment.length > 0)
    .map((segment) => pythonSplitWhitespace(segment).join(' '));
}

/** Words of one sentence: Python's `sentence.split(" ")` (an empty sentence gives one empty word). */
function words(sentence: string): string[] {
  return sentence.split(' ');
}

/** One LCS of `x` and `y` as `rouge` rebuilds it: DP table, backtracking from the end, ties move left. */
export function reconstructLcs(x: readonly string[], y: readonly string[]): string[] {
  const width = y.length + 1;
  const table = new Uint32Array((x.length + 1) * width);
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const at = i * width + j;
      table[at] =
        x[i - 1] === y[j - 1]
          ? (table[at - width - 1] as number) + 1
          : Math.max(table[at - width] as number, table[at - 1] as number);
    }
  }
  const reversed: string[] = [];
  let i = x.length;
  let j = y.length;
  while (i > 0 && j > 0) {
    const word = x[i - 1] as string;
    if (word === y[j - 1]) {
      reversed.push(word);
      i--;
      j--;
    } else if ((table[(i - 1) * width + j] as number) > (table[i * width + j - 1] as number)) {
      i--;
    } else {
      j--;
    }
  }
  return reversed.reverse();
}

/**
 * ROUGE-L F of the `rouge` 1.0.1 package (summary-level union LCS, `exclusive=True`), per SPEC §6.
 *
 * m and n count distinct words; the LCS words of every (reference sentence, hypothesis sentence)
 * pair join one set shared across the reference sentences; F = 2·(P·R / (P + R + 1e-8)).
 * Where the package raises (a text with no sentence: empty or only dots) this returns 0.
 */
export function rougeLF(hypothesis: string, reference: string): number {
  const hypothesisSentences = rougeSentences(hypothesis).map(words);
  const referenceSentences = rougeSentences(reference).map(words);
  const m = new Set(referenceSentences.flat()).size;
  const n = new Set(hypothesisSentences.flat()).size;
  if (m === 0 || n === 0) return 0;
  const union = new Set<string>();
  for (const referenceWords of referenceSentences) {
    for (const hypothesisWords of hypothesisSentences) {
      for (const word of reconstructLcs(referenceWords, hypothesisWords)) union.add(word);
    }
  }
  const recall = union.size / m;
  const precision = union.size / n;
  return 2 * ((precision * recall) / (precision + recall + 1e-8));
}
