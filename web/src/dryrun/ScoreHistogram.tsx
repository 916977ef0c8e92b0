// The dry run's score distribution: the server's 10 bins over [0, 1]. recharts is loaded only
// when a histogram is shown, so the canvas does not download it for steps 1–4.
import { lazy } from "react";
import { ChartSuspense } from "../ui/ChartSuspense";
import type { ScoreHistogramProps } from "./ScoreHistogramChart";

const ScoreHistogramChart = lazy(() => import("./ScoreHistogramChart"));

export function ScoreHistogram(props: ScoreHistogramProps) {
  return (
    <ChartSuspense className="score-histogram" height={(props.height ?? 180) + 20}>
      <ScoreHistogramChart {...props} />
    </ChartSuspense>
  );
}
