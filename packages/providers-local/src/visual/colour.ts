/** An sRGB colour with channels 0–255. */
export interface Rgb {
  red: number;
  green: number;
  blue: number;
}

const WHITE: Rgb = { red: 255, green: 255, blue: 255 };
const BLACK: Rgb = { red: 0, green: 0, blue: 0 };

/** Parses `#rgb` or `#rrggbb`; throws naming the bad value. */
export function parseHexColour(value: string): Rgb {
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value.trim());
  if (!match) throw new Error(`Colour ${JSON.stringify(value)} is not a #rgb or #rrggbb hex colour.`);
  const hex = match[1].length === 3 ? [...match[1]].map((digit) => digit + digit).join('') : match[1];
  return {
    red: Number.parseInt(hex.slice(0, 2), 16),
    green: Number.parseInt(hex.slice(2, 4), 16),
    blue: Number.parseInt(hex.slice(4, 6), 16),
  };
}

/** `amount` 0 gives `from`, 1 gives `to`. */
export function mixColours(from: Rgb, to: Rgb, amount: number): Rgb {
  return {
    red: from.red + (to.red - from.red) * amount,
    green: from.green + (to.green - from.green) * amount,
    blue: from.blue + (to.blue - from.blue) * amount,
  };
}

export function lighten(colour: Rgb, amount: number): Rgb {
  return mixColours(colour, WHITE, amount);
}

export function darken(colour: Rgb, amount: number): Rgb {
  return mixColours(colour, BLACK, amount);
}

/** Relative luminance (WCAG), 0 for black to 1 for white. */
export function luminance(colour: Rgb): number {
  const linear = (channel: number): number => {
    const value = channel / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(colour.red) + 0.7152 * linear(colour.green) + 0.0722 * linear(colour.blue);
}

/** A CSS colour string for canvas, with optional opacity. */
export function css(colour: Rgb, alpha = 1): string {
  const channel = (value: number): number => Math.round(Math.min(255, Math.max(0, value)));
  return `rgba(${channel(colour.red)}, ${channel(colour.green)}, ${channel(colour.blue)}, ${Math.min(1, Math.max(0, alpha)).toFixed(3)})`;
}
