import cliProgress from 'cli-progress';
import type { JobEvent } from '@looply/core';
import type { OutputStream } from '../output-stream.js';

/** Shows a job's progress on a stream (stderr): a bar on a terminal, one line per step otherwise. */
export interface ProgressDisplay {
  onEvent(event: JobEvent): void;
  stop(): void;
}

export const silentProgress: ProgressDisplay = { onEvent() {}, stop() {} };

function stepLabel(event: Extract<JobEvent, { type: 'step-start' | 'step-end' }>): string {
  const scene = event.sceneIndex === undefined ? '' : ` scene ${event.sceneIndex + 1}`;
  return `${event.step}${scene} (${event.provider})`;
}

export function createProgressDisplay(stream: OutputStream): ProgressDisplay {
  return stream.isTTY ? new BarDisplay(stream) : new LineDisplay(stream);
}

class BarDisplay implements ProgressDisplay {
  private readonly bar: cliProgress.SingleBar;
  private stopped = false;

  constructor(stream: OutputStream) {
    this.bar = new cliProgress.SingleBar(
      { stream, format: '{bar} {percentage}% | {step}', hideCursor: true, barsize: 30 },
      cliProgress.Presets.shades_classic,
    );
    this.bar.start(100, 0, { step: 'queued' });
  }

  onEvent(event: JobEvent): void {
    if (this.stopped) return;
    switch (event.type) {
      case 'progress':
        this.bar.update(Math.round(event.progress));
        break;
      case 'step-start':
        this.bar.update({ step: stepLabel(event) });
        break;
      case 'step-end':
        if (event.status === 'RETRYING') this.bar.update({ step: `${stepLabel(event)}: retrying` });
        if (event.status === 'WAITING') this.bar.update({ step: `${stepLabel(event)}: waiting for the provider` });
        break;
      case 'job-end':
        if (event.status === 'COMPLETED') this.bar.update(100, { step: 'done' });
        else this.bar.update({ step: event.status.toLowerCase() });
        this.stop();
        break;
    }
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.bar.stop();
  }
}

/** Not a terminal (CI, a pipe): a bar would be noise, so one line when a step starts or is retried. */
class LineDisplay implements ProgressDisplay {
  private progress = 0;

  constructor(private readonly stream: OutputStream) {}

  onEvent(event: JobEvent): void {
    const percent = `[${String(Math.round(this.progress)).padStart(3)}%]`;
    switch (event.type) {
      case 'progress':
        this.progress = event.progress;
        break;
      case 'step-start':
        this.stream.write(`${percent} ${stepLabel(event)}\n`);
        break;
      case 'step-end':
        if (event.status === 'RETRYING')
          this.stream.write(`${percent} ${stepLabel(event)} failed, retrying: ${event.error?.message ?? ''}\n`);
        break;
      case 'job-end':
        break;
    }
  }

  stop(): void {}
}
