/** BM25 parameters: term-frequency saturation and length normalization (the usual defaults). */
export interface Bm25Options {
  k1?: number;
  b?: number;
}

/** A BM25 index over tokenized documents. */
export interface Bm25Index {
  /** Scores every document (in index order) for weighted query terms. */
  score(query: ReadonlyMap<string, number>): number[];
}

/** Builds a BM25 (Okapi, with the non-negative `ln(1 + …)` IDF) index over documents as term lists. */
export function buildBm25(documents: readonly (readonly string[])[], options: Bm25Options = {}): Bm25Index {
  const k1 = options.k1 ?? 1.2;
  const b = options.b ?? 0.75;
  const frequencies = documents.map((terms) => {
    const counts = new Map<string, number>();
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
    return counts;
  });
  const documentFrequency = new Map<string, number>();
  for (const counts of frequencies)
    for (const term of counts.keys()) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  const total = documents.length;
  const averageLength = total === 0 ? 0 : documents.reduce((sum, terms) => sum + terms.length, 0) / total;
  const idf = (term: string): number => {
    const n = documentFrequency.get(term) ?? 0;
    return Math.log(1 + (total - n + 0.5) / (n + 0.5));
  };
  return {
    score(query) {
      return frequencies.map((counts, index) => {
        const length = documents[index]?.length ?? 0;
        const norm = k1 * (1 - b + (averageLength === 0 ? 0 : (b * length) / averageLength));
        let score = 0;
        for (const [term, weight] of query) {
          const tf = counts.get(term) ?? 0;
          if (tf > 0) score += weight * idf(term) * ((tf * (k1 + 1)) / (tf + norm));
        }
        return score;
      });
    },
  };
}
