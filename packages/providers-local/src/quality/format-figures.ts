/** `1.234` → `1.23 s`. */
export function seconds(value: number, digits = 2): string {
  return `${value.toFixed(digits)} s`;
}

/** A signed millisecond figure: `+33 ms`, `-100 ms`. */
export function signedMilliseconds(valueSec: number): string {
  const milliseconds = Math.round(valueSec * 1000);
  return `${milliseconds > 0 ? '+' : ''}${milliseconds} ms`;
}

/** A signed figure with one decimal: `-14.2`, `+0.5`. */
export function signed(value: number, digits = 1): string {
  if (!Number.isFinite(value)) return String(value);
  const text = value.toFixed(digits);
  return value > 0 ? `+${text}` : text;
}

/** `[1.00 s – 2.03 s]`. */
export function span(startSec: number, endSec: number): string {
  return `${startSec.toFixed(2)}–${endSec.toFixed(2)} s`;
}

/** Caption text for messages, shortened. */
export function quote(text: string, maxLength = 40): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > maxLength ? `${flat.slice(0, maxLength - 1)}…` : flat);
}
