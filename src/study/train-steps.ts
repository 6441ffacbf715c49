// The batches of an epoch, without tfjs: the study's documents need it to rebuild a run's words.

/** Batches per epoch for `n` examples (tfjs's fit keeps the last partial batch). */
export function stepsPerEpoch(n: number, batchSize: number): number {
  return Math.ceil(n / batchSize);
}
