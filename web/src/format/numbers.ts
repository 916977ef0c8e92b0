// How figures read in the UI: thousands separators, percentages with one decimal when small.
const counts = new Intl.NumberFormat("en-US");

export function formatCount(value: number): string {
  return counts.format(value);
}

/** 3.3 → "3.3%", 42 → "42%", 0 → "0%". The server sends percentages already computed. */
/** "1 record", "2 records", "1,042 records": a count and its noun, in the singular for one. */
export function formatCountOf(value: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(value)} ${value === 1 ? singular : plural}`;
}

export function formatPercent(percent: number): string {
  if (percent === 0 || percent >= 10) return `${Math.round(percent)}%`;
  return `${percent.toFixed(1).replace(/\.0$/, "")}%`;
}

/** A share in [0, 1] as a whole percentage, for progress bars. */
export function formatProgress(share: number): string {
  return `${Math.floor(Math.max(0, Math.min(1, share)) * 100)}%`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** "—" for a figure the server has not computed yet (topics before step 2, say). */
export function formatOptional(value: number | null, format: (value: number) => string): string {
  return value === null ? "—" : format(value);
}

/** US dollars: cents from a dollar up ("$12.40"), more digits below so a small run is not "$0.00". */
export function formatDollars(dollars: number): string {
  if (dollars === 0) return "$0";
  if (dollars >= 1) return `$${dollars.toFixed(2)}`;
  if (dollars >= 0.01) return `$${dollars.toFixed(3)}`;
  return `$${dollars.toPrecision(2)}`;
}
