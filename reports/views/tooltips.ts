// Tooltips for the interactive range-test chart, added on top of the report's own spec (never
// inside it: the report stays byte-identical to the CLI's SVG). One row per curve point, and a
// hover layer that snaps to the nearest lr.
import type { RangeTestReportInput } from '../range-test-spec.js';
import type { Datum, TopLevelSpec } from '../spec-types.js';
import type { RegionKind } from '../../src/types.js';

const REGION_NAMES: Record<RegionKind, string> = { 'too-small': 'too small', good: 'good', 'too-large': 'too large' };

/** Where an lr sits against the bounds, in words. */
function againstBounds(lr: number, bounds: RangeTestReportInput['bounds']): string {
  if (bounds === null) return 'no bounds';
  if (lr < bounds.minLr) return 'below min lr';
  if (lr > bounds.maxLr) return 'above max lr';
  return 'within the bounds';
}

/** One tooltip row per point: step, lr, raw and smoothed loss (null where non-finite), region and place against the bounds. */
export function tooltipRows(input: RangeTestReportInput): Datum[] {
  const { lrs, losses } = input.curve;
  const finite = (x: number | undefined): number | null => (x !== undefined && Number.isFinite(x) ? x : null);
  return lrs.map((lr, i) => {
    const region = input.regions.find((r) => r.startIndex <= i && i <= r.endIndex);
    return {
      step: i,
      lr,
      loss: finite(losses[i]),
      smoothed: finite(input.smoothedLosses[i]),
      region: region ? REGION_NAMES[region.kind] : '–',
      bounds: againstBounds(lr, input.bounds),
    };
  });
}

/** The name of the hover selection and of the dataset the tooltips read. */
export const HOVER = 'hover';
const TOOLTIP_DATA = 'tooltips';

/**
 * `spec` with a hover layer: a rule at the nearest point (shown while the pointer is over the
 * plot) carrying the tooltip. A spec that is not one layered chart is returned unchanged.
 */
export function withTooltips(spec: TopLevelSpec, rows: Datum[]): TopLevelSpec {
  if (!('layer' in spec) || !Array.isArray(spec.layer)) return spec;
  const datasets = { ...(spec.datasets ?? {}), [TOOLTIP_DATA]: rows };
  const hoverLayer = {
    name: 'hover_rule',
    data: { name: TOOLTIP_DATA },
    mark: { type: 'rule' as const, color: '#333333', strokeWidth: 1 },
    params: [{ name: HOVER, select: { type: 'point' as const, fields: ['step'], nearest: true, on: 'pointermove', clear: 'pointerout' } }],
    encoding: {
      x: { field: 'lr', type: 'quantitative' as const },
      opacity: { condition: { param: HOVER, empty: false, value: 0.6 }, value: 0 },
      tooltip: [
        { field: 'lr', type: 'quantitative' as const, title: 'lr', format: '.3~e' },
        { field: 'loss', type: 'quantitative' as const, title: 'loss', format: '.4~f' },
        { field: 'smoothed', type: 'quantitative' as const, title: 'smoothed loss', format: '.4~f' },
        { field: 'region', type: 'nominal' as const, title: 'region' },
        { field: 'bounds', type: 'nominal' as const, title: 'bounds' },
        { field: 'step', type: 'quantitative' as const, title: 'step' },
      ],
    },
  };
  return { ...spec, datasets, layer: [...spec.layer, hoverLayer] } as TopLevelSpec;
}
