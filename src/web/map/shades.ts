// The map's shades (issue 17: "colours meet contrast and are not the only cue"). Each shade a
// country with posts can take stands out from a country without (EMPTY) and from the map's white
// sea by at least 3:1 (WCAG 1.4.11, non-text contrast); a circle that grows with the number, the
// legend and the table under the map say the same without colour. shades.test.ts checks the ratios.

/** Sequential blues, light to dark (ColorBrewer "Blues", its darker half). */
export const SHADES = ['#4292c6', '#2171b5', '#08519c', '#08306b'] as const;
/** A country without posts. */
export const EMPTY = '#f2f5f8';
/** The sea (the SVG's background in both themes). */
export const SEA = '#ffffff';

/** Upper bounds of the shades for counts up to `max`: 1, then doubling steps up to max (at most one per shade). */
export function bins(max: number): number[] {
  if (max <= 0) return [];
  const steps = [1, Math.ceil(max / 4), Math.ceil(max / 2), max];
  return [...new Set(steps)].sort((a, b) => a - b);
}

/** The shade of a count: EMPTY for none, else the darkest shades for the fewest bins. */
export function shadeOf(value: number, bounds: number[]): string {
  if (value <= 0) return EMPTY;
  const index = bounds.findIndex((b) => value <= b);
  const shades = SHADES.slice(SHADES.length - bounds.length);
  return shades[index === -1 ? shades.length - 1 : index]!;
}

/** WCAG 2 contrast ratio of two #rrggbb colours. */
export function contrastRatio(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [luminance(a), luminance(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}
