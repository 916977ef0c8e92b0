// recharts loads on demand: while it does, a chart's place keeps its height and says so.
import { Suspense, type ReactNode } from "react";
import { LoadingState } from "./States";

export function ChartSuspense({ className, height, children }: { className: string; height: number; children: ReactNode }) {
  return (
    <Suspense
      fallback={
        <div className={`${className} chart-loading`} style={{ height }}>
          <LoadingState label="Loading the chart…" />
        </div>
      }
    >
      {children}
    </Suspense>
  );
}
