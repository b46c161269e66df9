// The engine benchmark: N pipelines of four instant steps (script, voice, one visual, assembly)
// through the real queue and tables, against raw pg-boss send → work on the same database.
import { parseArgs } from 'node:util';
import { withDatabase } from './engine/bench-database.js';
import { round } from './engine/bench-statistics.js';
import { runEngine } from './engine/engine-pipelines.js';
import { runRawPgBoss } from './engine/raw-pg-boss.js';

const GOALS = { handOffP50Ms: 50, handOffP95Ms: 150, pipelinesVersusRawJobsPerSecond: 1 / 4 / 5 };

export interface BenchOptions {
  pipelines: number;
  concurrency: number;
  inFlight?: number;
  json: boolean;
}

/** A whole number within bounds, or the default when the flag is absent; names the flag when invalid. */
function integerFlag(
  name: string,
  value: string | undefined,
  bounds: { min: number; max: number },
  fallback?: number,
): number | undefined {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < bounds.min || parsed > bounds.max) {
    throw new Error(
      `bench engine: --${name} must be a whole number from ${bounds.min} to ${bounds.max}, got "${value}"`,
    );
  }
  return parsed;
}

export interface EngineBenchResult {
  pipelines: number;
  stepsPerPipeline: 4;
  concurrency: number;
  inFlight: number;
  database: 'DATABASE_URL' | 'embedded';
  engine: {
    seconds: number;
    pipelinesPerSecond: number;
    handOffMs: { p50: number; p95: number; max: number; samples: number };
  };
  rawPgBoss: { jobs: number; seconds: number; jobsPerSecond: number; sendToWorkMs: { p50: number; p95: number } };
  goals: {
    handOffP50: { goalMs: number; ratio: number; met: boolean };
    handOffP95: { goalMs: number; ratio: number; met: boolean };
    pipelinesPerSecond: { goal: number; ratio: number; met: boolean };
  };
}

function formatTable(result: EngineBenchResult): string {
  const rows: string[][] = [
    ['metric', 'value', 'goal', 'ratio (≥ 1 meets it)'],
    [
      'pipelines/s',
      String(result.engine.pipelinesPerSecond),
      `≥ ${round(result.goals.pipelinesPerSecond.goal)}`,
      `${result.goals.pipelinesPerSecond.ratio}x`,
    ],
    [
      'step hand-off p50',
      `${result.engine.handOffMs.p50} ms`,
      `< ${GOALS.handOffP50Ms} ms`,
      `${result.goals.handOffP50.ratio}x`,
    ],
    [
      'step hand-off p95',
      `${result.engine.handOffMs.p95} ms`,
      `< ${GOALS.handOffP95Ms} ms`,
      `${result.goals.handOffP95.ratio}x`,
    ],
    ['step hand-off max', `${result.engine.handOffMs.max} ms`, '', ''],
    ['raw pg-boss jobs/s', String(result.rawPgBoss.jobsPerSecond), 'baseline', ''],
    ['raw pg-boss send→work p50', `${result.rawPgBoss.sendToWorkMs.p50} ms`, 'baseline (polling)', ''],
    ['raw pg-boss send→work p95', `${result.rawPgBoss.sendToWorkMs.p95} ms`, 'baseline (polling)', ''],
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const lines = rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd(),
  );
  lines.splice(1, 0, widths.map((width) => '-'.repeat(width)).join('  '));
  const header =
    `Looply engine bench: ${result.pipelines} pipelines × 4 instant steps, ${result.concurrency} worker slots, ` +
    `${result.inFlight} pipelines in flight, database ${result.database}; raw pg-boss: ${result.rawPgBoss.jobs} jobs ` +
    `in ${result.rawPgBoss.seconds} s; engine: ${result.engine.seconds} s, ${result.engine.handOffMs.samples} hand-offs`;
  return `${header}\n\n${lines.join('\n')}\n`;
}

export async function runEngineBench(args: string[]): Promise<EngineBenchResult> {
  const { values } = parseArgs({
    args,
    options: {
      pipelines: { type: 'string' },
      concurrency: { type: 'string' },
      'in-flight': { type: 'string' },
      json: { type: 'boolean' },
    },
    strict: true,
  });
  const options: BenchOptions = {
    pipelines: integerFlag('pipelines', values.pipelines, { min: 1, max: 100_000 }, 200) as number,
    concurrency: integerFlag('concurrency', values.concurrency, { min: 1, max: 256 }, 4) as number,
    inFlight: integerFlag('in-flight', values['in-flight'], { min: 1, max: 10_000 }),
    json: values.json ?? false,
  };
  const inFlight = options.inFlight ?? options.concurrency;
  const result = await withDatabase(async (url, database): Promise<EngineBenchResult> => {
    const rawPgBoss = await runRawPgBoss(url, options.pipelines * 4, options.concurrency);
    const engine = await runEngine(url, options, inFlight);
    const pipelinesGoal = rawPgBoss.jobsPerSecond * GOALS.pipelinesVersusRawJobsPerSecond;
    return {
      pipelines: options.pipelines,
      stepsPerPipeline: 4,
      concurrency: options.concurrency,
      inFlight,
      database,
      engine,
      rawPgBoss,
      goals: {
        handOffP50: {
          goalMs: GOALS.handOffP50Ms,
          ratio: round(GOALS.handOffP50Ms / engine.handOffMs.p50),
          met: engine.handOffMs.p50 < GOALS.handOffP50Ms,
        },
        handOffP95: {
          goalMs: GOALS.handOffP95Ms,
          ratio: round(GOALS.handOffP95Ms / engine.handOffMs.p95),
          met: engine.handOffMs.p95 < GOALS.handOffP95Ms,
        },
        pipelinesPerSecond: {
          goal: round(pipelinesGoal, 2),
          ratio: round(engine.pipelinesPerSecond / pipelinesGoal, 2),
          met: engine.pipelinesPerSecond >= pipelinesGoal,
        },
      },
    };
  });
  process.stdout.write(options.json ? `${JSON.stringify(result)}\n` : formatTable(result));
  return result;
}
