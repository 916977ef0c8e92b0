// How scores and their intervals read: "0.67", "+0.12", "[0.05, 0.19]", "+49%", "+0.2 pp". Negative numbers take a real minus sign so columns of figures line up and read well.
// The figures are the server's; these only format.

const MINUS = "−";

function signless(value: number, digits: number): string {
  return Math.abs(value).toFixed(digits);
}

/** Rounds as toFixed would show it, so −0.001 is not shown as "−0.00". */
function roundedIsZero(value: number, digits: number): boolean {
  return Number(signless(value, digits)) === 0;
}

/** A score in [0, 1] with two decimals; "—" before there is one. */
export function formatScore(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return roundedIsZero(value, 2) ? "0.00" : `${value < 0 ? MINUS : ""}${signless(value, 2)}`;
}

/** A difference, signed: "+0.12", "−0.05", "±0.00"; "—" when unknown. */
export function formatSignedScore(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  if (roundedIsZero(value, 2)) return "±0.00";
  return `${value > 0 ? "+" : MINUS}${signless(value, 2)}`;
}

/** A 95% interval: "[0.05, 0.19]", "[−0.02, 0.08]"; empty when there is none yet. */
export function formatInterval(interval: readonly [number, number] | null | undefined): string {
  if (!interval) return "";
  return `[${formatScore(interval[0])}, ${formatScore(interval[1])}]`;
}

/** A relative change: 0.49 → "+49%", −0.124 → "−12%", 0.004 → "+0.4%"; empty when unknown. */
export function formatRelativeChange(relative: number | null | undefined): string {
  if (relative === null || relative === undefined || !Number.isFinite(relative)) return "";
  const percent = relative * 100;
  const digits = Math.abs(percent) < 1 ? 1 : 0;
  if (roundedIsZero(percent, digits)) return "±0%";
  return `${percent > 0 ? "+" : MINUS}${signless(percent, digits)}%`;
}

/** A difference of two rates in percentage points: 0.002 → "+0.2 pp", −0.031 → "−3.1 pp". */
export function formatRatePoints(difference: number | null | undefined): string {
  if (difference === null || difference === undefined || !Number.isFinite(difference)) return "—";
  const points = difference * 100;
  if (roundedIsZero(points, 1)) return "±0 pp";
  return `${points > 0 ? "+" : MINUS}${signless(points, 1)} pp`;
}

/** An interval of rate differences in percentage points, beside a formatRatePoints: "[−0.4, 0.8]"; empty when there is none. */
export function formatRateInterval(interval: readonly [number, number] | null | undefined): string {
  if (!interval) return "";
  const points = (value: number) => (roundedIsZero(value * 100, 1) ? "0" : `${value < 0 ? MINUS : ""}${signless(value * 100, 1)}`);
  return `[${points(interval[0])}, ${points(interval[1])}]`;
}
