// The server's 10-bin score histogram as chart rows: [0, 0.1) … [0.8, 0.9), last bin [0.9, 1.0].
export interface HistogramBin {
  label: string;
  from: number;
  to: number;
  count: number;
  /** Of all scored samples, in [0, 1]. */
  share: number;
  /** How the bin's range reads in a tooltip: "0.3 ≤ score < 0.4". */
  range: string;
}

export function histogramBins(counts: number[]): HistogramBin[] {
  const total = counts.reduce((sum, count) => sum + count, 0);
  const width = 1 / Math.max(1, counts.length);
  return counts.map((count, index) => {
    const from = index * width;
    const to = (index + 1) * width;
    const last = index === counts.length - 1;
    return {
      label: from.toFixed(1),
      from,
      to,
      count,
      share: total > 0 ? count / total : 0,
      range: `${from.toFixed(1)} ≤ score ${last ? "≤" : "<"} ${to.toFixed(1)}`,
    };
  });
}
