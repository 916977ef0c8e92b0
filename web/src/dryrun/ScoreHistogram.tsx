// The dry run's score distribution: the server's 10 bins over [0, 1]. recharts is loaded only
// when a histogram is shown, so the canvas does not download it for steps 1–4.
import { lazy, Suspense } from "react";
import { LoadingState } from "../ui/States";
import type { ScoreHistogramProps } from "./ScoreHistogramChart";

const ScoreHistogramChart = lazy(() => import("./ScoreHistogramChart"));

export function ScoreHistogram(props: ScoreHistogramProps) {
  return (
    <Suspense
      fallback={
        <div className="score-histogram histogram-loading" style={{ height: (props.height ?? 180) + 20 }}>
          <LoadingState label="Loading the chart…" />
        </div>
      }
    >
      <ScoreHistogramChart {...props} />
    </Suspense>
  );
}
