/** One sample of a Prometheus text exposition: name, labels and value. For tests and tools reading a scrape. */
export interface PrometheusSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Reads the samples of a text exposition (format 0.0.4), skipping comments. */
export function parsePrometheusText(text: string): PrometheusSample[] {
  const samples: PrometheusSample[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)/.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const label of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g))
      labels[label[1]] = label[2].replace(/\\(.)/g, (_, character: string) => (character === 'n' ? '\n' : character));
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return samples;
}

/** The value of the sample with this name whose labels include `labels` (summed when several match), 0 when none does. */
export function sampleValue(samples: PrometheusSample[], name: string, labels: Record<string, string> = {}): number {
  return samples
    .filter(
      (sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
    )
    .reduce((sum, sample) => sum + sample.value, 0);
}
