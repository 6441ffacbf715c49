// A tiny XML well-formedness checker for the tests: tags nest and close, attributes are quoted and
// unique, entities are known, one root. Returns the element tree so tests can count marks.

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated text directly inside the element (entities decoded). */
  text: string;
}

const NAME = /^[A-Za-z_:][\w:.-]*$/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string, at: number): string {
  return text.replace(/&([^;\s]*);|&/g, (all, ref: string | undefined) => {
    if (ref === undefined) throw new Error(`bare '&' near offset ${at}`);
    if (ENTITIES[ref] !== undefined) return ENTITIES[ref];
    const num = /^#(x[0-9a-fA-F]+|[0-9]+)$/.exec(ref);
    if (num?.[1] !== undefined) return String.fromCodePoint(num[1].startsWith('x') ? parseInt(num[1].slice(1), 16) : Number(num[1]));
    throw new Error(`unknown entity ${all} near offset ${at}`);
  });
}

/** Parses `xml`, throwing an Error that says where it is malformed. */
export function parseXml(xml: string): XmlElement {
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let i = 0;
  const body = xml.replace(/^\uFEFF/, '');
  while (i < body.length) {
    const lt = body.indexOf('<', i);
    const text = body.slice(i, lt < 0 ? body.length : lt);
    if (text.trim() !== '') {
      const top = stack[stack.length - 1];
      if (top === undefined) throw new Error(`text outside the root near offset ${i}`);
      if (text.includes('>')) throw new Error(`stray '>' in text near offset ${i}`);
      top.text += decode(text, i);
    }
    if (lt < 0) break;
    if (body.startsWith('<?', lt)) {
      const end = body.indexOf('?>', lt);
      if (end < 0) throw new Error(`unterminated processing instruction at ${lt}`);
      i = end + 2;
    } else if (body.startsWith('<!--', lt)) {
      const end = body.indexOf('-->', lt);
      if (end < 0) throw new Error(`unterminated comment at ${lt}`);
      i = end + 3;
    } else if (body.startsWith('<!DOCTYPE', lt)) {
      const end = body.indexOf('>', lt);
      if (end < 0 || stack.length > 0 || root !== undefined) throw new Error(`misplaced DOCTYPE at ${lt}`);
      i = end + 1;
    } else if (body.startsWith('</', lt)) {
      const end = body.indexOf('>', lt);
      if (end < 0) throw new Error(`unterminated closing tag at ${lt}`);
      const name = body.slice(lt + 2, end).trim();
      const open = stack.pop();
      if (open?.name !== name) throw new Error(`</${name}> at ${lt} closes <${open?.name ?? 'nothing'}>`);
      i = end + 1;
    } else {
      // Find the tag's end, skipping '>' inside quoted attribute values.
      let j = lt + 1;
      let quote: string | null = null;
      for (; j < body.length; j++) {
        const ch = body[j];
        if (quote !== null) {
          if (ch === quote) quote = null;
          else if (ch === '<') throw new Error(`'<' inside an attribute value at ${j}`);
        } else if (ch === '"' || ch === "'") quote = ch;
        else if (ch === '>') break;
      }
      if (j >= body.length) throw new Error(`unterminated tag at ${lt}`);
      const selfClosing = body[j - 1] === '/';
      const inner = body.slice(lt + 1, selfClosing ? j - 1 : j);
      const name = /^[^\s/>]+/.exec(inner)?.[0] ?? '';
      if (!NAME.test(name)) throw new Error(`bad tag name "${name}" at ${lt}`);
      const attrs: Record<string, string> = {};
      let rest = inner.slice(name.length);
      const attr = /^\s+([A-Za-z_:][\w:.-]*)\s*=\s*("([^"]*)"|'([^']*)')/;
      for (let m = attr.exec(rest); m !== null; m = attr.exec(rest)) {
        const key = m[1] ?? '';
        if (key in attrs) throw new Error(`duplicate attribute ${key} in <${name}> at ${lt}`);
        attrs[key] = decode(m[3] ?? m[4] ?? '', lt);
        rest = rest.slice(m[0].length);
      }
      if (rest.trim() !== '') throw new Error(`malformed attributes "${rest.trim().slice(0, 40)}" in <${name}> at ${lt}`);
      const element: XmlElement = { name, attrs, children: [], text: '' };
      const parent = stack[stack.length - 1];
      if (parent !== undefined) parent.children.push(element);
      else if (root === undefined) root = element;
      else throw new Error(`second root element <${name}> at ${lt}`);
      if (!selfClosing) stack.push(element);
      i = j + 1;
    }
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack[stack.length - 1]?.name}>`);
  if (root === undefined) throw new Error('no root element');
  return root;
}

/** Every element in the tree, depth first. */
export function allElements(root: XmlElement): XmlElement[] {
  return [root, ...root.children.flatMap(allElements)];
}

/** The group vega draws for the mark named `name` (its class ends in `<name>_marks`). */
export function markGroup(root: XmlElement, name: string): XmlElement | undefined {
  return allElements(root).find((e) => e.name === 'g' && (e.attrs.class ?? '').split(/\s+/).includes(`${name}_marks`));
}
