// Helpers shared by the wasm training kernels: calling other wasm kernels directly (no engine, so no
// tape entries and no double counting in tf.profile), freeing intermediates, and heap views.
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

export type { BackendWasm };
export type TensorInfo = tf.TensorInfo;
export type Attrs = tf.NamedAttrMap;

/** The stock wasm kernels we replaced, kept so that a kernel can fall back to them. */
export const stockKernels = new Map<string, tf.KernelConfig>();

/** Runs the currently registered wasm kernel `name` on tensor infos and returns its (single) output. */
export function run(backend: BackendWasm, name: string, inputs: Record<string, TensorInfo>, attrs: Attrs = {}): TensorInfo {
  const kernel = tf.getKernel(name, 'wasm');
  if (kernel === undefined) throw new Error(`wasm kernel ${name} is not registered`);
  return kernel.kernelFunc({ inputs, attrs, backend }) as TensorInfo;
}

/** Runs the stock kernel that lrfind replaced for `name` (used for cases our kernel does not cover). */
export function runStock(name: string, args: { inputs: Record<string, TensorInfo>; attrs: Attrs; backend: BackendWasm }): TensorInfo {
  const kernel = stockKernels.get(name);
  if (kernel === undefined) throw new Error(`no stock wasm kernel ${name} to fall back to`);
  return kernel.kernelFunc(args as unknown as Parameters<tf.KernelFunc>[0]) as TensorInfo;
}

/** Frees intermediates made inside a kernel (reshapes share data through reference counts). */
export function release(backend: BackendWasm, ...infos: TensorInfo[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}

export function reshape(backend: BackendWasm, x: TensorInfo, shape: number[]): TensorInfo {
  return run(backend, 'Reshape', { x }, { shape });
}

/**
 * Transposes, or only reshapes when the permutation moves nothing but size-1 axes (a transpose
 * would copy for nothing).
 */
export function transpose(backend: BackendWasm, x: TensorInfo, perm: number[]): TensorInfo {
  const shape = perm.map((axis) => x.shape[axis]!);
  const moved = perm.filter((axis) => x.shape[axis]! > 1);
  if (moved.every((axis, i) => i === 0 || axis > moved[i - 1]!)) return reshape(backend, x, shape);
  const rank = perm.length;
  const swapsEnds = rank >= 3 && perm[0] === rank - 1 && perm[rank - 1] === 0 && perm.slice(1, -1).every((axis, i) => axis === i + 1);
  return swapsEnds ? swapEnds(backend, x, shape) : run(backend, 'Transpose', { x }, { perm });
}

/**
 * [A, …M, B] → [B, …M, A] as two transposes that the stock kernel does fast: [A, M·B] → [M·B, A],
 * then [M, B, A] → [B, M, A]. In one step the stock kernel reads with a stride of M·B floats, a
 * power of two for typical shapes, and thrashes the cache (52 ms against 9 ms for [64, 32, 32, 32]).
 */
function swapEnds(backend: BackendWasm, x: TensorInfo, shape: number[]): TensorInfo {
  const a = x.shape[0]!;
  const b = x.shape[x.shape.length - 1]!;
  const m = x.shape.slice(1, -1).reduce((p, q) => p * q, 1);
  const flat = reshape(backend, x, [a, m * b]);
  const step1 = run(backend, 'Transpose', { x: flat }, { perm: [1, 0] });
  const cube = reshape(backend, step1, [m, b, a]);
  const step2 = run(backend, 'Transpose', { x: cube }, { perm: [1, 0, 2] });
  const out = reshape(backend, step2, shape);
  release(backend, flat, step1, cube, step2);
  return out;
}

/** Float32 view of a tensor on the wasm heap. Take views only after the last allocation (the heap may grow). */
export function heapF32(backend: BackendWasm, info: TensorInfo): Float32Array {
  return backend.typedArrayFromHeap(info) as Float32Array;
}

/** Normalizes a 2-number attribute (strides, dilations, filter sizes) that may be one number. */
export function pair(value: unknown): [number, number] {
  if (typeof value === 'number') return [value, value];
  const [a, b] = value as number[];
  return [a!, b!];
}

export type Pad = 'same' | 'valid' | number | tf.backend_util.ExplicitPadding;
export type RoundingMode = 'floor' | 'round' | 'ceil' | undefined;
