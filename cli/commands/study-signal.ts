// Ctrl-C for the training commands (demo, compare): the first one aborts the run through an
// AbortSignal (the library stops at the next step or epoch and returns what it has); a second one
// leaves at once. The training runs on this thread and yields to the event loop, so SIGINT arrives.
import { EXIT } from '../errors.js';

export interface Interruption {
  signal: AbortSignal;
  readonly interrupted: boolean;
  /** Removes the SIGINT handler. */
  dispose(): void;
}

/** Listens for SIGINT until `dispose`; `onFirst` runs on the first Ctrl-C (e.g. to say "stopping"). */
export function interruptOnSigint(onFirst: () => void = () => {}): Interruption {
  const controller = new AbortController();
  const onSigint = (): void => {
    if (controller.signal.aborted) process.exit(EXIT.interrupted);
    controller.abort();
    onFirst();
  };
  process.on('SIGINT', onSigint);
  return {
    signal: controller.signal,
    get interrupted() {
      return controller.signal.aborted;
    },
    dispose: () => process.off('SIGINT', onSigint),
  };
}
