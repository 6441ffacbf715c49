// A read-only tfjs IOHandler for a Layers model.json and its weight shards on disk. Plain
// @tensorflow/tfjs has no file:// handler in Node; this one never writes, so the file on disk is
// never modified.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { UsageError } from '../errors.js';

async function readOrFail(path: string, what: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `--model: ${what} not found: ${path}` : `--model: cannot read ${what} ${path} (${code ?? 'error'})`);
  }
}

/** Parses model.json text, checking that it is a Layers model with a weights manifest. */
export function parseModelJson(text: string, path: string): tf.io.ModelJSON {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--model: ${path} is not valid JSON (${(error as Error).message.split('\n')[0]})`);
  }
  const model = json as Partial<tf.io.ModelJSON> | null;
  if (model === null || typeof model !== 'object' || model.modelTopology == null || typeof model.modelTopology !== 'object') {
    throw new UsageError(`--model: ${path} is not a tfjs Layers model.json (no modelTopology)`);
  }
  if (!Array.isArray(model.weightsManifest)) {
    throw new UsageError(`--model: ${path} has no weightsManifest`);
  }
  return model as tf.io.ModelJSON;
}

/** An IOHandler that loads `model.json` and the shards it lists (paths relative to it). */
export function fileLoadHandler(modelJsonPath: string): tf.io.IOHandler {
  const path = resolve(modelJsonPath);
  return {
    async load(): Promise<tf.io.ModelArtifacts> {
      const json = parseModelJson((await readOrFail(path, 'model file')).toString('utf8'), modelJsonPath);
      return tf.io.getModelArtifactsForJSON(json, async (manifest) => {
        const buffers: ArrayBuffer[] = [];
        for (const group of manifest) {
          for (const shard of group.paths) {
            const bytes = await readOrFail(resolve(dirname(path), shard), 'weight file');
            buffers.push(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
          }
        }
        return [tf.io.getWeightSpecs(manifest), tf.io.concatenateArrayBuffers(buffers)];
      });
    },
  };
}
