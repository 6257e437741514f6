/**
 * Logical cores from which the page lets the role models overlap (warm-ups beside each other's
 * work). Each wllama model computes on one thread: on 2 cores a warm-up competes with the model
 * writing, and the bench measured the embedded models' runs at 1.7× the backbone's time with
 * warm-ups against 1.5× without; natively (one process, light main thread) they paid even there.
 */
export const OVERLAP_MIN_CORES = 4;

/** Whether runs in this page overlap the role models, given `navigator.hardwareConcurrency`. */
export function overlapFits(cores: number | undefined): boolean {
  return cores !== undefined && cores >= OVERLAP_MIN_CORES;
}
