/** Words too common in tasks and docs to tell tools apart. */
const STOPWORDS = new Set(
  (
    'a an the and or of to in on at by for from with into about as is are was were be been being am ' +
    'i me my mine we us our you your it its this that these those there here what which who whom whose ' +
    'how when why do does did can could will would shall should may might must please want need like ' +
    'some any no not so if then than too very just also only up out over one s t'
  ).split(' '),
);

/** Irregular forms the suffix rules would get wrong, mapped to their stems. */
const IRREGULAR: Readonly<Record<string, string>> = {
  news: 'news',
  children: 'child',
  people: 'person',
  men: 'man',
  women: 'woman',
  bought: 'buy',
  sold: 'sell',
  paid: 'pay',
  sent: 'send',
  made: 'make',
  cancelled: 'cancel',
  cancelling: 'cancel',
  canceled: 'cancel',
  canceling: 'cancel',
  used: 'use',
  using: 'use',
  uses: 'use',
};

/** The stem left after cutting -ing/-ed: `stopp` → `stop` (not l, s, z), `rat` → `rate` (short CVC). */
function restore(base: string): string {
  const last = base.at(-1) ?? '';
  if (base.length > 3 && last === base.at(-2) && !'aeioulsz'.includes(last)) return base.slice(0, -1);
  return base.length === 3 && /[^aeiou][aeiouy][^aeiouwxy]$/.test(base) ? `${base}e` : base;
}

/**
 * A light English stemmer (not Porter): plural `-s/-es/-ies`, `-ing`, `-ed`, then a final `-e` on
 * longer words, so `invoices`, `invoice` and `invoicing` meet at `invoic` and `rated` at `rate`.
 * Docs and tasks go through the same rules, so consistency matters more than real roots.
 */
export function stem(word: string): string {
  const irregular = IRREGULAR[word];
  if (irregular !== undefined) return irregular;
  if (word.length <= 3) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses') || /(x|ch|sh|zz)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5 && /[aeiouy]/.test(w.slice(0, -3))) w = restore(w.slice(0, -3));
  else if (w.endsWith('ied') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('ed') && !w.endsWith('eed') && w.length > 4) w = restore(w.slice(0, -2));
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

/** Splits text into lower-case words, breaking identifiers at camelCase, snake_case, kebab-case and digits. */
export function splitWords(text: string): string[] {
  const spaced = text
    .replace(/(\p{Ll})(?=\p{Lu})/gu, '$1 ')
    .replace(/(\p{Lu})(?=\p{Lu}\p{Ll})/gu, '$1 ')
    .replace(/(\p{L})(?=\p{N})/gu, '$1 ')
    .replace(/(\p{N})(?=\p{L})/gu, '$1 ');
  return spaced.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** The search terms of a text: words without stopwords or single letters, stemmed; with a vocabulary, run-together words are split first. */
export function tokenize(text: string, vocabulary?: ReadonlySet<string>): string[] {
  const words = splitWords(text);
  return (vocabulary === undefined ? words : words.flatMap((word) => segmentWord(word, vocabulary)))
    .filter((word) => word.length > 1 && !STOPWORDS.has(word))
    .map(stem);
}

/** Cost of one character no vocabulary word covers, against 1 for a whole known word. */
const UNKNOWN_CHAR_COST = 3;

/**
 * Splits a run-together identifier into known words, fewest pieces first: `getcurrentweather` →
 * `get current weather` (standardized α-UMi names are lower-case, so camelCase is lost).
 * Characters no word covers stay together as one piece; a known word is returned whole.
 */
export function segmentWord(word: string, vocabulary: ReadonlySet<string>): string[] {
  if (word.length < 6 || vocabulary.has(word)) return [word];
  const cost = new Array<number>(word.length + 1).fill(Number.POSITIVE_INFINITY);
  const from = new Array<number>(word.length + 1).fill(0);
  cost[0] = 0;
  for (let end = 1; end <= word.length; end++) {
    for (let start = Math.max(0, end - 24); start < end; start++) {
      const piece = word.slice(start, end);
      const step =
        piece.length >= 2 && vocabulary.has(piece) ? 1 : piece.length === 1 ? UNKNOWN_CHAR_COST : -1;
      const total = (cost[start] ?? Number.POSITIVE_INFINITY) + step;
      if (step > 0 && total < (cost[end] ?? Number.POSITIVE_INFINITY)) {
        cost[end] = total;
        from[end] = start;
      }
    }
  }
  const pieces: string[] = [];
  for (let end = word.length; end > 0; end = from[end] ?? 0) pieces.unshift(word.slice(from[end] ?? 0, end));
  // Runs of unknown single characters go back together.
  const merged: string[] = [];
  for (const piece of pieces) {
    const last = merged.at(-1);
    if (piece.length === 1 && last !== undefined && !vocabulary.has(last))
      merged[merged.length - 1] = last + piece;
    else merged.push(piece);
  }
  return merged;
}
