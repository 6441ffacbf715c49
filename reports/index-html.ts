// index.html for one run's reports: each SVG with its numbers, one self-contained page (no scripts,
// no external styles or fonts; the SVGs are referenced beside it). Void tags are self-closed so
// the page is also well-formed XML.

export interface IndexSection {
  heading: string;
  /** The SVG's file name, relative to the page. */
  svgFile: string;
  numbers: Record<string, string | number>;
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
body { font-family: 'DejaVu Sans', Verdana, Helvetica, Arial, sans-serif; margin: 2rem auto; max-width: 1100px; padding: 0 1rem; color: #222; }
h1 { font-size: 1.5rem; }
section { margin: 2rem 0; border-top: 1px solid #ddd; padding-top: 1rem; }
h2 { font-size: 1.15rem; }
img { max-width: 100%; height: auto; display: block; }
table { border-collapse: collapse; margin-top: 0.75rem; font-size: 0.9rem; }
th, td { text-align: left; padding: 0.2rem 1rem 0.2rem 0; border-bottom: 1px solid #eee; }
th { font-weight: normal; color: #555; }
td { font-variant-numeric: tabular-nums; }`;

/** The page as a string; every piece of input text is escaped. */
export function indexHtml(input: IndexHtmlInput): string {
  const sections = input.sections.map((s) => {
    const rows = Object.entries(s.numbers)
      .map(([k, v]) => `      <tr><th scope="row">${escapeHtml(k)}</th><td>${escapeHtml(formatNumber(v))}</td></tr>`)
      .join('\n');
    return [
      '  <section>',
      `    <h2>${escapeHtml(s.heading)}</h2>`,
      `    <img src="${escapeHtml(fileUrl(s.svgFile))}" alt="${escapeHtml(s.heading)}" />`,
      ...(rows === '' ? [] : ['    <table>', rows, '    </table>']),
      '  </section>',
    ].join('\n');
  });
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
    ...sections,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
