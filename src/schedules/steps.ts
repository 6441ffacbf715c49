// The batches of an epoch, in one place: the study's runs, the next-step line of a range test's
// page, the web page's schedule and the one-cycle callback all count them the same way.

/** Batches per epoch for `examples` at `batchSize`: tfjs's fit (and fastai's) keep the last partial batch. */
export function stepsPerEpoch(examples: number, batchSize: number): number {
  return Math.ceil(examples / batchSize);
}
