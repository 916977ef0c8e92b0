// Axis ticks at round steps (1, 2, 2.5 or 5 times a power of ten) from zero past the largest
// value: recharts' own choice on a domain it derives from the data can land on steps like 85 or
// 7.5% (printed "8%"), which read as uneven.

const STEP_FACTORS = [1, 2, 2.5, 5, 10];

/**
 * Ticks 0, step, 2·step… up to the first at or above `max`, at most `maxTicks` of them; `whole`
 * keeps every step a whole number (counts of records).
 */
export function roundTicks(max: number, { maxTicks = 6, whole = false }: { maxTicks?: number; whole?: boolean } = {}): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = Math.max(max / (maxTicks - 1), whole ? 1 : 0);
  const power = 10 ** Math.floor(Math.log10(rough));
  const fits = (factor: number) => factor * power >= rough - 1e-12 && (!whole || Number.isInteger(factor * power));
  const step = (STEP_FACTORS.find(fits) ?? 10) * power;
  const count = Math.ceil(max / step - 1e-9);
  // Sums of a decimal step drift (0.1 + 0.2); each tick is rounded to the step's own digits.
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 2);
  return Array.from({ length: count + 1 }, (_, i) => Number((i * step).toFixed(digits)));
}
