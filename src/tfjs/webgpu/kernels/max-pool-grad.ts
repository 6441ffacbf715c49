// MaxPoolGrad for webgpu. The stock kernel records each window's maximum with `>=`, so among tied
// maxima the gradient goes to the last one; TensorFlow and the cpu backend send it to the first in
// row-major order (measured: relative error ~1 against cpu on inputs with ties). This program
// computes dx directly: each input element sums dy over the windows whose first maximum it is.
// Comparisons are strict from −∞, as on cpu: a window of −∞ or NaN gets no gradient.
import * as tf from '@tensorflow/tfjs';
import { flatProgram, type KernelArgs, type WebGpuProgram } from './program.js';

const USER_CODE = `
  fn main(index : i32) {
    if (index >= uniforms.size) { return; }
    let coords = getCoordsFromIndex(index);
    let b = coords[0];
    let r = coords[1];
    let c = coords[2];
    let d = coords[3];
    let s = uniforms.strides;
    let k = uniforms.filterDims;
    // Windows (i, j) whose rows i*s.x - pad .. + k.x - 1 hold row r (and the same for columns).
    let rp = r + uniforms.pads.x;
    let cp = c + uniforms.pads.y;
    let iFirst = select(0, (rp - k.x + s.x) / s.x, rp - k.x + 1 > 0);
    let jFirst = select(0, (cp - k.y + s.y) / s.y, cp - k.y + 1 > 0);
    let iLast = min(uniforms.dyShape[1] - 1, rp / s.x);
    let jLast = min(uniforms.dyShape[2] - 1, cp / s.y);
    var total = 0.0;
    for (var i = iFirst; i <= iLast; i++) {
      for (var j = jFirst; j <= jLast; j++) {
        let r0 = i * s.x - uniforms.pads.x;
        let c0 = j * s.y - uniforms.pads.y;
        var best = 0.0;
        var found = false;
        var at = vec2<i32>(-1, -1);
        for (var a = max(r0, 0); a < min(r0 + k.x, uniforms.xShape[1]); a++) {
          for (var e = max(c0, 0); e < min(c0 + k.y, uniforms.xShape[2]); e++) {
            let v = getX(b, a, e, d);
            if ((found && v > best) || (!found && v > -uniforms.INFINITY)) {
              best = v;
              found = true;
              at = vec2<i32>(a, e);
            }
          }
        }
        if (at.x == r && at.y == c) { total += getDy(b, i, j, d); }
      }
    }
    setOutputAtIndex(index, total);
  }
`;

export function maxPoolGrad(args: KernelArgs): tf.TensorInfo {
  const { inputs, attrs, backend } = args;
  const dy = inputs['dy']!;
  const x = inputs['input']!;
  const info = tf.backend_util.computePool2DInfo(
    x.shape as [number, number, number, number], attrs['filterSize'] as [number, number], attrs['strides'] as [number, number],
    1, attrs['pad'] as 'same' | 'valid' | number, attrs['dimRoundingMode'] as 'floor' | 'round' | 'ceil' | undefined,
  );
  const program: WebGpuProgram = {
    ...flatProgram(x.shape),
    variableNames: ['dy', 'x'],
    uniforms: 'strides : vec2<i32>, pads : vec2<i32>, filterDims : vec2<i32>,',
    shaderKey: 'lrfindMaxPoolGradFirstMaximum',
    getUserCode: () => USER_CODE,
  };
  return backend.runWebGPUProgram(program, [dy, x], x.dtype, [
    { type: 'int32', data: [info.strideHeight, info.strideWidth] },
    { type: 'int32', data: [info.padInfo.top, info.padInfo.left] },
    { type: 'int32', data: [info.filterHeight, info.filterWidth] },
  ]);
}

export const maxPoolGradConfig: tf.KernelConfig = {
  kernelName: 'MaxPoolGrad',
  backendName: 'webgpu',
  kernelFunc: maxPoolGrad as unknown as tf.KernelFunc,
};
