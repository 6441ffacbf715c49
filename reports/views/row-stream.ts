// Rows into a named dataset of a vega View, in batches: every pushed row is inserted exactly once,
// at most once per animation frame, as one changeset. Training calls onStep far more often than a
// screen refreshes, and a changeset per frame lets vega update incrementally instead of redrawing
// per step.
import { changeset, type VegaView } from './embed.js';

type Row = Record<string, unknown>;

export const nextFrame = (run: () => void): void => {
  // Headless or hidden pages may never fire a frame; a timer still gets the rows in.
  if (typeof requestAnimationFrame === 'function' && typeof document !== 'undefined' && document.visibilityState === 'visible') {
    requestAnimationFrame(run);
  } else {
    setTimeout(run, 16);
  }
};

export class RowStream {
  private pending: Row[] = [];
  private scheduled = false;
  private done: Promise<void> = Promise.resolve();
  /** Rows inserted into the view so far. */
  inserted = 0;
  /** Changesets applied so far. */
  flushes = 0;

  constructor(private readonly view: VegaView, private readonly name: string) {}

  push(row: Row): void {
    this.pending.push(row);
    if (this.scheduled) return;
    this.scheduled = true;
    nextFrame(() => void this.flush());
  }

  /** Inserts what is pending now; resolves when the view has drawn it. */
  flush(): Promise<void> {
    this.scheduled = false;
    const rows = this.pending;
    this.pending = [];
    if (rows.length > 0) {
      // Chained, so that changesets reach the view in order and never overlap.
      this.done = this.done.then(async () => {
        await this.view.change(this.name, changeset().insert(rows)).runAsync();
        this.inserted += rows.length;
        this.flushes += 1;
      });
    }
    return this.done;
  }
}
