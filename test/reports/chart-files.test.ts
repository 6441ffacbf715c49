import { describe, expect, it } from 'vitest';
import { renderSvg, scheduleSpec, type TopLevelSpec } from '../../reports/index.js';
import { chartFiles } from '../../reports/chart-files.js';
import { parseXml } from './xml.js';

describe('chartFiles', () => {
  const spec = scheduleSpec({ lr: [0.01, 0.1, 0.05, 0.001] });

  it('gives <name>.svg and <name>.vl.json: the rendered picture and the spec to open in the Vega editor', async () => {
    const [svg, json] = await chartFiles('schedule', spec);
    expect(svg!.name).toBe('schedule.svg');
    expect(svg!.content).toBe(await renderSvg(spec));
    expect(parseXml(svg!.content as string).name).toBe('svg');
    expect(json!.name).toBe('schedule.vl.json');
    expect(JSON.parse(json!.content as string)).toEqual(spec);
  });

  it('rejects a spec it cannot render, before anything could be written', async () => {
    const broken = { ...spec, layer: [{ mark: 'no-such-mark' }] } as unknown as TopLevelSpec;
    await expect(chartFiles('broken', broken)).rejects.toThrow();
  });
});
