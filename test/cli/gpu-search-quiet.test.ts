// Looking for a GPU prints nothing: on a machine with Mesa's Vulkan drivers (Debian's chromium
// brings them) Dawn and the drivers write warnings on stderr while they enumerate adapters, so
// lrfind looks in child processes. Bad input still gets exactly one line.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { vulkanDrivers } from '../../src/tfjs/webgpu/vulkan-drivers.js';
import { oneErrorLine, runCli, tempDir } from './helpers.js';

const drivers = vulkanDrivers() ?? [];
if (drivers.length === 0) console.log('note: test/cli/gpu-search-quiet.test.ts runs without Vulkan drivers here: it checks the plain case only (CI installs mesa-vulkan-drivers)');

/** No XDG_RUNTIME_DIR, no chosen driver: as a user's shell over ssh or in a container has it. */
const bareEnv = { XDG_RUNTIME_DIR: undefined, VK_ICD_FILENAMES: undefined, VK_DRIVER_FILES: undefined, LRFIND_WEBGPU_ALLOW_SOFTWARE: undefined };

function withoutEnv(names: readonly string[]): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of names) delete env[name];
  return env;
}

describe(`looking for a GPU (${drivers.length} Vulkan driver manifest${drivers.length === 1 ? '' : 's'} here)`, () => {
  const dir = tempDir();

  it('bad data is one line on stderr, exit 2', async () => {
    const csv = join(dir, 'one-column.csv');
    writeFileSync(csv, 'a\n1\n2\n');
    const r = await runCli(['find', '--model', 'mlp', '--data', csv, '--out', join(dir, 'out')], { env: withoutEnv(Object.keys(bareEnv)) });
    expect(r.code).toBe(2);
    expect(oneErrorLine(r.stderr)).toMatch(/^lrfind: --data: .*one-column\.csv: needs at least 2 columns/);
  });

  it('lrfind backends says what webgpu found and prints nothing on stderr', async () => {
    const r = await runCli(['backends'], { env: withoutEnv(Object.keys(bareEnv)) });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^ {2}webgpu {6}not {6}/m);
  });
});
