// The IDX format of MNIST-style files: big-endian header, then raw unsigned bytes. Pure; no I/O.
import { DatasetFormatError } from './errors.js';

/** Magic of an unsigned-byte IDX file with 3 dimensions (images). */
export const IDX_IMAGES_MAGIC = 0x00000803;
/** Magic of an unsigned-byte IDX file with 1 dimension (labels). */
export const IDX_LABELS_MAGIC = 0x00000801;

export interface IdxImages {
  count: number;
  rows: number;
  cols: number;
  /** `count × rows × cols` bytes, row-major, 0 = background. A view into the file's bytes. */
  pixels: Uint8Array;
}

export interface IdxLabels {
  count: number;
  /** One byte per example. A view into the file's bytes. */
  labels: Uint8Array;
}

const hex = (n: number): string => `0x${n.toString(16).padStart(8, '0')}`;

/** Reads the magic and dimensions, checks them against `magic` and the file length. */
function header(bytes: Uint8Array, magic: number, source: string): { dims: number[]; offset: number } {
  const ndims = magic & 0xff;
  const offset = 4 + 4 * ndims;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Magic first: a wrong kind of file is a clearer error than a short one.
  const found = bytes.length >= 4 ? view.getUint32(0, false) : undefined;
  if (found !== undefined && found !== magic) {
    throw new DatasetFormatError(`${source}: IDX magic must be ${hex(magic)}, got ${hex(found)}`, source);
  }
  if (bytes.length < offset) {
    throw new DatasetFormatError(`${source}: IDX file too short (${bytes.length} bytes) for its header`, source);
  }
  const dims: number[] = [];
  for (let i = 0; i < ndims; i++) dims.push(view.getUint32(4 + 4 * i, false));
  const expected = offset + dims.reduce((a, b) => a * b, 1);
  if (bytes.length !== expected) {
    throw new DatasetFormatError(
      `${source}: IDX dimensions [${dims.join(', ')}] need ${expected} bytes, file has ${bytes.length}`,
      source,
    );
  }
  return { dims, offset };
}

/** Parses an IDX image file (magic 0x00000803: count, rows, cols, then the pixels). */
export function parseIdxImages(bytes: Uint8Array, source = '<idx images>'): IdxImages {
  const { dims, offset } = header(bytes, IDX_IMAGES_MAGIC, source);
  const [count = 0, rows = 0, cols = 0] = dims;
  return { count, rows, cols, pixels: bytes.subarray(offset) };
}

/** Parses an IDX label file (magic 0x00000801: count, then one byte per label). */
export function parseIdxLabels(bytes: Uint8Array, source = '<idx labels>'): IdxLabels {
  const { dims, offset } = header(bytes, IDX_LABELS_MAGIC, source);
  return { count: dims[0] ?? 0, labels: bytes.subarray(offset) };
}
