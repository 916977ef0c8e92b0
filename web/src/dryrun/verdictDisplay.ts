// How the dry run's verdicts read: each metric with its value, the server's verdict for it and
// the thresholds of docs/dry-run.md, so a person sees why. The verdicts are the server's.
import type { DryRunReport, DryRunVerdict } from "../api/gradingTypes";
import type { StatusLook } from "../steps/stepCatalog";

export const VERDICT_LOOK: Record<DryRunVerdict, StatusLook> = {
  GO: { label: "GO", icon: "✓", tone: "good" },
  CAUTION: { label: "CAUTION", icon: "!", tone: "warn" },
  "NO-GO": { label: "NO-GO", icon: "✕", tone: "bad" },
};

export const VERDICT_MEANING: Record<DryRunVerdict, string> = {
  GO: "Training can learn from this grader on this data.",
  CAUTION: "Training may learn little; look at the metrics below before paying for it.",
  "NO-GO": "Training would likely waste its budget; fix the causes below first.",
};

export interface MetricRow {
  key: keyof DryRunReport["verdicts"];
  label: string;
  value: string;
  verdict: DryRunVerdict;
  /** The bands of the verdict table, GO first. */
  thresholds: Record<DryRunVerdict, string>;
}

export function formatScore(score: number): string {
  return score.toFixed(2);
}

export function formatShare(share: number): string {
  return `${(share * 100).toFixed(share > 0 && share < 0.1 ? 1 : 0)}%`;
}

export function metricRows(report: DryRunReport): MetricRow[] {
  const { statistics: stats, verdicts } = report;
  return [
    {
      key: "mean",
      label: "Mean score",
      value: formatScore(stats.mean),
      verdict: verdicts.mean,
      thresholds: { GO: "> 0.2", CAUTION: "0.1–0.2", "NO-GO": "< 0.1" },
    },
    {
      key: "share_above_zero",
      label: "Scoring above 0",
      value: formatShare(stats.share_above_zero),
      verdict: verdicts.share_above_zero,
      thresholds: { GO: "> 70%", CAUTION: "50–70%", "NO-GO": "< 50%" },
    },
    {
      key: "std_dev",
      label: "Std deviation",
      value: stats.std_dev.toFixed(3),
      verdict: verdicts.std_dev,
      thresholds: { GO: "> 0.10", CAUTION: "0.05–0.10", "NO-GO": "< 0.05" },
    },
  ];
}
