/** How many items two token lists share from their start: what a prefix-reusing cache can keep. */
export function sharedPrefix<T>(held: readonly T[], tokens: readonly T[]): number {
  let shared = 0;
  while (shared < held.length && shared < tokens.length && held[shared] === tokens[shared]) shared++;
  return shared;
}
