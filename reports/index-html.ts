// index.html for one run's reports: sections read top-down (warnings, text, a picture, tables, lines
// of code to copy), one self-contained page (no scripts, no external styles or fonts; the SVGs are
// referenced beside it). Void tags are self-closed so the page is also well-formed XML.

/** One column of an `IndexTable`. */
export interface IndexColumn {
  heading: string;
  /** Right-aligned with tabular figures, so the digits of a column line up; never wrapped. @default false */
  numeric?: boolean;
  /** Kept on one line (e.g. "1.8e-2 → 0.18", which a browser would break after the "-"). @default false */
  nowrap?: boolean;
}

/** A table with a heading row; each row has one cell per column. */
export interface IndexTable {
  columns: IndexColumn[];
  rows: Array<Array<string | number>>;
}

/**
 * One section of the page. Every part is optional and drawn in this order: `warnings` (in a
 * highlighted box: what the reader must not miss), `notes` (paragraphs), the picture `svgFile`,
 * `numbers` (a two-column name → value table), `table`, `footnotes` (paragraphs after the tables)
 * and `code` (one command per line).
 */
export interface IndexSection {
  heading: string;
  warnings?: string[];
  notes?: string[];
  /** The SVG's file name, relative to the page. */
  svgFile?: string;
  numbers?: Record<string, string | number>;
  table?: IndexTable;
  footnotes?: string[];
  /** Lines to copy into a shell, each shown as it is. */
  code?: string[];
}

export interface IndexHtmlInput {
  title: string;
  sections: IndexSection[];
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `text` safe inside HTML text and double- or single-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

function formatNumber(value: string | number): string {
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value) || Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(4)));
}

/** A relative file reference for `src`: each path segment percent-encoded, so spaces and '#' survive. */
function fileUrl(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

const STYLE = `
body { font-family: 'DejaVu Sans', Verdana, Helvetica, Arial, sans-serif; margin: 2rem auto; max-width: 1100px; padding: 0 1rem; color: #222; line-height: 1.4; }
h1 { font-size: 1.5rem; }
section { margin: 2rem 0; border-top: 1px solid #ddd; padding-top: 1rem; }
h2 { font-size: 1.15rem; }
p { margin: 0.5rem 0; max-width: 75ch; }
img { max-width: 100%; height: auto; display: block; margin: 0.75rem 0; }
.warnings { background: #fff4e5; border-left: 4px solid #d9480f; padding: 0.5rem 1rem; margin: 0.5rem 0; }
.warnings ul { margin: 0; padding-left: 1.2rem; }
.warnings li { margin: 0.25rem 0; font-weight: bold; color: #7a2600; }
table { border-collapse: collapse; margin-top: 0.75rem; font-size: 0.9rem; }
th, td { text-align: left; padding: 0.2rem 1rem 0.2rem 0; border-bottom: 1px solid #eee; vertical-align: top; }
th { font-weight: normal; color: #555; }
thead th { font-weight: bold; color: #222; border-bottom: 1px solid #999; }
td { font-variant-numeric: tabular-nums; }
.num { text-align: right; }
td.num, td.nowrap { white-space: nowrap; }
pre { background: #f4f4f4; border: 1px solid #ddd; padding: 0.5rem 0.75rem; overflow-x: auto; font-size: 0.85rem; }`;

/** `<th>`/`<td>` with the column's classes ('num', 'nowrap'). */
function cell(tag: 'th' | 'td', text: string, column: IndexColumn | null, scope?: string): string {
  const classes = [column?.numeric ? 'num' : '', column?.nowrap ? 'nowrap' : ''].filter((c) => c !== '').join(' ');
  const attrs = `${scope ? ` scope="${scope}"` : ''}${classes === '' ? '' : ` class="${classes}"`}`;
  return `<${tag}${attrs}>${escapeHtml(text)}</${tag}>`;
}

function tableLines(table: IndexTable): string[] {
  const width = table.columns.length;
  for (const [i, row] of table.rows.entries()) {
    if (row.length !== width) throw new RangeError(`table row ${i} must have ${width} cells (one per column), got ${row.length}`);
  }
  const head = table.columns.map((c) => cell('th', c.heading, c, 'col')).join('');
  return [
    '    <table>',
    `      <thead><tr>${head}</tr></thead>`,
    '      <tbody>',
    ...table.rows.map((row) => `        <tr>${row.map((v, i) => cell('td', formatNumber(v), table.columns[i]!)).join('')}</tr>`),
    '      </tbody>',
    '    </table>',
  ];
}

function sectionLines(s: IndexSection): string[] {
  const lines = ['  <section>', `    <h2>${escapeHtml(s.heading)}</h2>`];
  if (s.warnings !== undefined && s.warnings.length > 0) {
    lines.push('    <div class="warnings">', '      <ul>', ...s.warnings.map((w) => `        <li>${escapeHtml(w)}</li>`), '      </ul>', '    </div>');
  }
  for (const note of s.notes ?? []) lines.push(`    <p>${escapeHtml(note)}</p>`);
  if (s.svgFile !== undefined) lines.push(`    <img src="${escapeHtml(fileUrl(s.svgFile))}" alt="${escapeHtml(s.heading)}" />`);
  const rows = Object.entries(s.numbers ?? {}).map(([k, v]) => `      <tr>${cell('th', k, null, 'row')}${cell('td', formatNumber(v), null)}</tr>`);
  // A section without numbers has no empty table.
  if (rows.length > 0) lines.push('    <table>', ...rows, '    </table>');
  if (s.table !== undefined && s.table.rows.length > 0) lines.push(...tableLines(s.table));
  for (const note of s.footnotes ?? []) lines.push(`    <p>${escapeHtml(note)}</p>`);
  if (s.code !== undefined && s.code.length > 0) lines.push(`    <pre><code>${s.code.map(escapeHtml).join('\n')}</code></pre>`);
  lines.push('  </section>');
  return lines;
}

/** The page as a string; every piece of input text is escaped. Throws a RangeError for a table row of the wrong width. */
export function indexHtml(input: IndexHtmlInput): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '  <meta charset="utf-8" />',
    '  <meta name="viewport" content="width=device-width, initial-scale=1" />',
    `  <title>${escapeHtml(input.title)}</title>`,
    `  <style>${STYLE}\n  </style>`,
    '</head>',
    '<body>',
    `  <h1>${escapeHtml(input.title)}</h1>`,
    ...input.sections.flatMap(sectionLines),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
