// Training, live: callbacks for model.fit (tfjs's CustomCallbackArgs shape, as tfjs-vis's
// fitCallbacks) that stream the batch loss and accuracy and each epoch's validation accuracy.
import { embedSpec, type VegaView, type ViewOptions } from './embed.js';
import { LIVE_DATA, liveTrainingSpec } from './live-specs.js';
import { RowStream } from './row-stream.js';

/** What tfjs passes as `logs`: numbers by metric name. */
type Logs = Record<string, number | unknown> | undefined;

export interface LiveTraining {
  /** Pass to model.fit: `callbacks: live.callbacks` (alongside others in an array is fine too). */
  callbacks: {
    onBatchEnd: (batch: number, logs?: Logs) => void;
    onEpochEnd: (epoch: number, logs?: Logs) => void;
  };
  /** The last validation accuracy seen (NaN before the first epoch ends). */
  lastValAccuracy(): number;
  flush(): Promise<void>;
  readonly view: VegaView;
  counts(): { batches: number; epochs: number };
  finalize(): void;
}

const num = (logs: Logs, ...keys: string[]): number => {
  for (const key of keys) {
    const v = logs?.[key];
    if (typeof v === 'number') return v;
  }
  return Number.NaN;
};

/** Empties `element` and draws the live training chart in it. */
export async function liveTraining(element: HTMLElement, options: ViewOptions = {}): Promise<LiveTraining> {
  const view = await embedSpec(element, liveTrainingSpec(options.width !== undefined ? { width: options.width } : {}), { ...options, quiet: true });
  const batches = new RowStream(view, LIVE_DATA.batches);
  const epochs = new RowStream(view, LIVE_DATA.epochs);
  let step = 0;
  let epochCount = 0;
  let valAcc = Number.NaN;
  const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);
  return {
    callbacks: {
      onBatchEnd(_batch, logs) {
        batches.push({ step, loss: finite(num(logs, 'loss')), acc: finite(num(logs, 'acc', 'accuracy')) });
        step += 1;
      },
      onEpochEnd(epoch, logs) {
        valAcc = num(logs, 'val_acc', 'val_accuracy');
        epochCount += 1;
        epochs.push({ epoch: epoch + 1, step, valAcc: finite(valAcc), valLoss: finite(num(logs, 'val_loss')) });
      },
    },
    lastValAccuracy: () => valAcc,
    flush: async () => {
      await Promise.all([batches.flush(), epochs.flush()]);
    },
    view,
    counts: () => ({ batches: step, epochs: epochCount }),
    finalize: () => view.finalize(),
  };
}
