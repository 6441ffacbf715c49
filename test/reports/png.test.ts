import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { comparisonSpec, rangeTestSpec, renderSvg, scheduleSpec } from '../../reports/index.js';
import { comparisonInput, digitsInput, oneCycleInput } from './fixture.js';
import { parseXml } from './xml.js';

// DejaVu Sans is what the reports are laid out for; load it directly when the system has it
// (Debian/Ubuntu: fonts-dejavu-core) so text is drawn with the measured widths.
const DEJAVU = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
const DEJAVU_BOLD = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf';
const fontFiles = [DEJAVU, DEJAVU_BOLD].filter((f) => existsSync(f));

describe('SVG → PNG with resvg', () => {
  const cases = [
    ['range test', () => rangeTestSpec(digitsInput(true))],
    ['schedule', () => scheduleSpec(oneCycleInput())],
    ['comparison', () => comparisonSpec(comparisonInput())],
  ] as const;

  for (const [name, build] of cases) {
    it(`rasterises the ${name} report at the SVG's size`, async () => {
      const svg = await renderSvg(build());
      const root = parseXml(svg);
      const width = Number(root.attrs.width);
      const height = Number(root.attrs.height);
      expect(width).toBeGreaterThan(300);
      expect(height).toBeGreaterThan(200);
      const image = new Resvg(svg, {
        font: { fontFiles, loadSystemFonts: fontFiles.length === 0, defaultFontFamily: 'DejaVu Sans' },
        fitTo: { mode: 'zoom', value: 1.5 },
      }).render();
      expect([image.width, image.height]).toEqual([Math.round(width * 1.5), Math.round(height * 1.5)]);
      const png = image.asPng();
      expect([...png.subarray(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
      // IHDR holds the size again, big-endian at bytes 16..23.
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([image.width, image.height]);
      // Not a blank page: a good share of pixels is not white.
      const pixels = image.pixels;
      let inked = 0;
      for (let i = 0; i < pixels.length; i += 4) if ((pixels[i] ?? 255) < 200) inked++;
      expect(inked / (pixels.length / 4)).toBeGreaterThan(0.01);
    });
  }
});
