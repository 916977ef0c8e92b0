// Train and validation reward over the steps of a run, from its metric points. recharts loads
// only when the chart has something to draw.
import { lazy } from "react";
import type { TrainingMetricPoint } from "../api/trainingTypes";
import { ChartSuspense } from "../ui/ChartSuspense";
import { EmptyState } from "../ui/States";
import { rewardSeries } from "./rewardSeries";

const RewardChartPlot = lazy(() => import("./RewardChartPlot"));

export function RewardChart({ points, height = 260 }: { points: TrainingMetricPoint[]; height?: number }) {
  const rows = rewardSeries(points);
  const last = rows.at(-1);
  return (
    <figure
      className="reward-chart"
      data-testid="reward-chart"
      data-points={rows.length}
      aria-label={last ? `Reward over ${rows.length} steps; at step ${last.step}: train ${last.train ?? "—"}, valid ${last.valid ?? "—"}` : "No rewards reported yet"}
    >
      {rows.length === 0 ? (
        <EmptyState title="No rewards yet">The chart fills in as the trainer reports its train and validation rewards.</EmptyState>
      ) : (
        <ChartSuspense className="reward-chart-loading" height={height}>
          <RewardChartPlot rows={rows} height={height} />
        </ChartSuspense>
      )}
    </figure>
  );
}
