// `pnpm bench engine [--pipelines 200] [--concurrency 4] [--in-flight 4] [--json]`
// `pnpm bench render [...]`
// `pnpm bench api [--duration 10] [--connections 50] [--json]`
// `pnpm bench scale [--pipelines 400] [--delay 100] [--concurrency 8] [--workers 1,2,4|none] [--soak-jobs 2000] [--remote 5000] [--json]`
// `pnpm bench voice [--skip-video] [--json]`
const [command, ...args] = process.argv.slice(2);

switch (command) {
  case 'engine': {
    const { runEngineBench } = await import('./engine-bench.js');
    await runEngineBench(args);
    break;
  }
  case 'render': {
    const { runRenderBench } = await import('./render-bench.js');
    await runRenderBench(args);
    break;
  }
  case 'api': {
    const { runApiBench } = await import('./api-bench.js');
    await runApiBench(args);
    break;
  }
  case 'scale': {
    const { runScaleBench } = await import('./scale-bench.js');
    await runScaleBench(args);
    break;
  }
  case 'voice': {
    const { runVoiceBench } = await import('./voice-bench.js');
    await runVoiceBench(args);
    break;
  }
  default:
    process.stderr.write('usage: pnpm bench <engine|render|api|scale|voice> [options]\n');
    process.exitCode = 2;
}
