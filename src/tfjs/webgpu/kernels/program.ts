// The slice of tfjs-backend-webgpu's program API lrfind's kernels use, typed here because the
// package is an optional peer. A program is WGSL for one output element (`main(index)`) plus its
// layout; the backend prepends the input getters (getX, getDy), getCoordsFromIndex,
// setOutputAtIndex and a `uniforms` struct with every shape, `size`, NAN and INFINITY.
import type * as tf from '@tensorflow/tfjs';

export interface WebGpuProgram {
  variableNames: string[];
  /** Extra uniform fields, WGSL struct syntax, filled in order from `runWebGPUProgram`'s uniform data. */
  uniforms: string;
  workgroupSize: [number, number, number];
  /** Adds `uniforms.size` (the output's element count). */
  size: boolean;
  outputShape: number[];
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  /** Names the WGSL source for the pipeline cache (shapes and dtypes are added by the backend). */
  shaderKey: string;
  getUserCode(): string;
}

export type Uniform = { type: 'int32' | 'float32'; data: number[] };

/** The WebGPUBackend methods kernels call. */
export interface WebGpuBackendLike {
  runWebGPUProgram(program: WebGpuProgram, inputs: tf.TensorInfo[], outputDtype: tf.DataType, uniforms?: Uniform[]): tf.TensorInfo;
  makeTensorInfo(shape: number[], dtype: tf.DataType, values?: Int32Array | Float32Array): tf.TensorInfo;
  disposeData(dataId: tf.DataId): boolean;
}

export type KernelArgs = { inputs: Record<string, tf.TensorInfo>; attrs: tf.NamedAttrMap; backend: WebGpuBackendLike };

/** One thread per output element, 64 to a workgroup; the backend reshapes dispatches too large for one axis. */
export function flatProgram(outputShape: number[]): Pick<WebGpuProgram, 'outputShape' | 'dispatchLayout' | 'dispatch' | 'workgroupSize' | 'size'> {
  const size = outputShape.reduce((a, b) => a * b, 1);
  return {
    outputShape,
    dispatchLayout: { x: outputShape.map((_, i) => i) },
    dispatch: [Math.ceil(size / 64), 1, 1],
    workgroupSize: [64, 1, 1],
    size: true,
  };
}
