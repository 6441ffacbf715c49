// Text widths without a canvas. Vega's fallback guesses 0.8 em per character, which pads every
// axis and legend generously and misplaces right-aligned labels; these are DejaVu Sans advance
// widths (the font our theme asks for first), so layout matches what resvg or a browser draws.

/** Advance widths in 1/1000 em of DejaVu Sans, code points 32–126. */
const REGULAR = [
  318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636,
  636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775,
  752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390,
  337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612,
  635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
];

/** Advance widths in 1/1000 em of DejaVu Sans Bold, code points 32–126. */
const BOLD = [
  348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696, 696,
  696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734, 830, 683, 683, 821,
  837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457,
  365, 457, 838, 500, 500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687,
  716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838,
];

/** Non-ASCII characters our reports use (same in both weights, near enough). */
const EXTRA: Record<string, number> = { '—': 1000, '–': 500, '×': 838, '…': 1000, '≈': 838, '·': 318, 'µ': 636, '−': 838, '±': 838 };

/** Width used for any other character: a wide-ish average so unknown text never collides. */
const FALLBACK = 700;

/** Width in px of `text` set in DejaVu Sans at `fontSize` px. */
export function measureText(text: string, fontSize: number, bold = false): number {
  const table = bold ? BOLD : REGULAR;
  let total = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    total += (code >= 32 && code <= 126 ? table[code - 32] : EXTRA[ch]) ?? FALLBACK;
  }
  return (total * fontSize) / 1000;
}

/** Whether a vega font weight (number or keyword) is bold. */
export function isBold(weight: unknown): boolean {
  if (typeof weight === 'number') return weight >= 600;
  return weight === 'bold' || weight === 'bolder' || (typeof weight === 'string' && Number(weight) >= 600);
}
