// `lrfind schedule <name>`: one schedule factory call, then a table (JSON/CSV), files, or a view.
// Only the schedules sub-barrel: the full one loads tfjs, which a schedule never needs. Reports
// (vega) and ink load only when --out or a terminal view asks for them.
import { scheduleToCsv, scheduleToJson, type ScheduleRow } from '../../src/schedules/index.js';
import { scheduleReportInput, type ScheduleReportInput } from '../../src/present/schedule-input.js';
import { parseFlags, withFlagNames } from '../args.js';
import { UsageError } from '../errors.js';
import { formatHelp, type HelpPage } from '../help.js';
import { checkInputFile } from '../input-file.js';
import { checkOutDir } from '../output/out-dir.js';
import { readFinderBounds } from '../output/read-finder.js';
import { writeFilesAtomically } from '../output/out-dir.js';
import { inkAvailable } from '../output/ink-available.js';
import { columns, isInteractive, say } from '../terminal.js';
import { momentumLine, phaseLines, scheduleHeadline } from '../ui/schedule-text.js';
import { applyBounds, buildSchedule, checkScheduleFlags, type BuiltSchedule, type ScheduleFlags } from './schedule-build.js';
import { COMMON_FLAGS, SCHEDULE_FLAGS, SCHEDULE_NAMES, type ScheduleName } from './schedule-flags.js';

export const SCHEDULE_HELP: HelpPage = {
  usage: `lrfind schedule <${SCHEDULE_NAMES.join('|')}> [options]`,
  summary:
    'Builds a learning-rate schedule per optimizer step with PyTorch\'s parameters, and prints it as\n' +
    'JSON or CSV, writes it with a chart, or draws it on the terminal.',
  flags: SCHEDULE_FLAGS,
  notes: [
    'Every schedule takes --total-steps (or --epochs × --steps-per-epoch). --from fills --max-lr, --min-lr',
    'and --base-lr from a finder result: one-cycle starts at min lr (--div-factor max/min), cyclic runs',
    'between the bounds, the decays start at max lr. Flags given explicitly win.',
    '--format json prints {"lr": [...], "momentum": [...]} (momentum only when it is cycled).',
  ],
  examples: [
    'lrfind schedule onecycle --max-lr 0.1 --epochs 10 --steps-per-epoch 50',
    'lrfind schedule onecycle --from lrfind-out/range-test.json --total-steps 5000 --format csv > lr.csv',
    'lrfind schedule fastai-onecycle --max-lr 3e-3 --total-steps 2000 --out sched',
    'lrfind schedule sgdr --base-lr 0.05 --t0 500 --t-mult 2 --total-steps 3500 --format json',
    'lrfind schedule cyclic --base-lr 1e-3 --max-lr 6e-3 --step-size-up 2000 --total-steps 8000',
  ],
};

function scheduleName(positional: string | undefined): ScheduleName {
  if (positional === undefined) throw new UsageError(`schedule needs a name: ${SCHEDULE_NAMES.join(', ')}`);
  if (!(SCHEDULE_NAMES as readonly string[]).includes(positional)) {
    throw new UsageError(`unknown schedule "${positional}"; expected one of ${SCHEDULE_NAMES.join(', ')}`);
  }
  return positional as ScheduleName;
}

function build(name: ScheduleName, flags: ScheduleFlags): { built: BuiltSchedule; input: ScheduleReportInput; rows: ScheduleRow[] } {
  try {
    const built = buildSchedule(name, flags);
    const input = scheduleReportInput(built.schedule, built.totalSteps, {
      ...(built.stepsPerEpoch !== undefined ? { stepsPerEpoch: built.stepsPerEpoch } : {}),
      title: `${built.name} schedule`,
    });
    const rows = input.lr.map((lr, step): ScheduleRow => (input.momentum ? { step, lr, momentum: input.momentum[step]! } : { step, lr }));
    return { built, input, rows };
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(withFlagNames(error.message, SCHEDULE_FLAGS));
    throw error;
  }
}

async function writeOut(dir: string, input: ScheduleReportInput, rows: ScheduleRow[], extra: { weightDecay?: number }): Promise<string[]> {
  const [{ scheduleSpec }, { chartFiles }] = await Promise.all([import('../../reports/schedule-spec.js'), import('../../reports/chart-files.js')]);
  return writeFilesAtomically(dir, [
    { name: 'schedule.json', content: scheduleToJson(rows, extra) + '\n' },
    { name: 'schedule.csv', content: scheduleToCsv(rows) },
    ...(await chartFiles('schedule', scheduleSpec(input))),
  ]);
}

export async function scheduleCommand(argv: readonly string[]): Promise<number> {
  const { flags, positionals } = parseFlags(argv, SCHEDULE_FLAGS, 'schedule', 1);
  if (flags.help) {
    process.stdout.write(formatHelp(SCHEDULE_HELP));
    return 0;
  }
  const name = scheduleName(positionals[0]);
  if (flags.json && flags.format === 'csv') throw new UsageError('--json and --format csv ask for two formats; give one');
  if (flags.out !== undefined) checkOutDir(flags.out);
  // Check the flags before reading --from: placeholder bounds stand in for the ones it will supply.
  checkScheduleFlags(name, flags.from !== undefined ? applyBounds(name, flags, { maxLr: 1, minLr: 1 }) : flags, COMMON_FLAGS);
  if (flags.from !== undefined) checkInputFile(flags.from, '--from');
  const found = flags.from !== undefined ? await readFinderBounds(flags.from) : null;
  const filled = found !== null ? applyBounds(name, flags, found) : flags;
  const extra = found?.weightDecay !== undefined ? { weightDecay: found.weightDecay } : {};
  const { input, rows } = build(name, filled);
  const format = flags.json ? 'json' : flags.format;
  const paths = flags.out !== undefined ? await writeOut(flags.out, input, rows, extra) : [];
  if (format === 'json') process.stdout.write(scheduleToJson(rows, extra) + '\n');
  else if (format === 'csv') process.stdout.write(scheduleToCsv(rows));
  else if (isInteractive() && (await inkAvailable())) {
    const [{ createElement }, { showOnce }, { ScheduleView }, { fitChartWidth }] = await Promise.all([
      import('react'),
      import('../output/ink.js'),
      import('../ui/schedule-view.js'),
      import('../ui/line-chart.js'),
    ]);
    await showOnce(createElement(ScheduleView, { name, rows, phases: input.phases ?? [], paths, chartWidth: fitChartWidth(columns()) }));
  } else {
    say(scheduleHeadline(name, rows));
    const momentum = momentumLine(rows);
    if (momentum) say(momentum);
    for (const line of phaseLines(input.phases ?? [])) say(line);
    if (extra.weightDecay !== undefined) say(`weight decay ${extra.weightDecay} (the finder's, from ${flags.from}): train with it, decoupled (AdamW's weight_decay, or lrfind's weightDecay)`);
    for (const p of paths) say(`wrote ${p}`);
    if (paths.length === 0) say('(--format json|csv prints every step; --out <dir> writes them with a chart)');
  }
  return 0;
}
