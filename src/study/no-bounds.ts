// The demo and the study need bounds to train with; a curve without any stops them with this.
export class NoBoundsError extends Error {
  override name = 'NoBoundsError';
}
