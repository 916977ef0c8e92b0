import { formatPercent } from "../format/numbers";
import type { TargetSummary } from "./targetShares";

/** The sum of the targets set, and what coverage will make of it (normalised as the server does). */
export function TargetSummaryLine({ summary, leaves }: { summary: TargetSummary; leaves: number }) {
  if (leaves === 0) return null;
  const sum = formatPercent(summary.setSum * 100);
  let meaning: string;
  if (summary.setCount === 0) meaning = `No target set: each of the ${leaves} topics that take records should have an equal share (${formatPercent(100 / leaves)}).`;
  else if (summary.setSum > 1 + 1e-9)
    meaning = `Targets set sum to ${sum}, over 100%: they are read as weights and scaled to 100%${summary.unsetCount > 0 ? `, and the ${summary.unsetCount} topics without a target get none` : ""}.`;
  else if (summary.unsetCount > 0)
    meaning = `Targets set sum to ${sum}; the ${summary.unsetCount} topics without one share the remaining ${formatPercent((1 - summary.setSum) * 100)} equally.`;
  else if (summary.scaled) meaning = `Targets sum to ${sum}, under 100%: they are read as weights and scaled up to 100%.`;
  else meaning = `Targets sum to 100%.`;
  return (
    <p className={`target-summary${summary.scaled ? " tone-text-warn" : " muted"}`} data-testid="target-summary">
      {meaning}
    </p>
  );
}
