// The reward chart drawn with recharts; loaded on demand through RewardChart.
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { rewardDomain, type RewardRow } from "./rewardSeries";
import { formatReward } from "./trainingDisplay";

export interface RewardChartPlotProps {
  rows: RewardRow[];
  height: number;
}

export default function RewardChartPlot({ rows, height }: RewardChartPlotProps) {
  // A lone validation point between training points needs its dot to be seen.
  const sparseValid = rows.filter((row) => row.valid !== null).length < 20;
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: -12 }}>
        <CartesianGrid vertical={false} stroke="var(--border)" />
        <XAxis dataKey="step" type="number" domain={["dataMin", "dataMax"]} allowDecimals={false} tick={{ fontSize: 11, fill: "var(--text-muted)" }} tickLine={false} />
        <YAxis domain={rewardDomain(rows)} tickCount={6} tickFormatter={(value: number) => String(Number(value.toFixed(2)))} tick={{ fontSize: 11, fill: "var(--text-muted)" }} tickLine={false} axisLine={false} />
        <Tooltip formatter={(value) => formatReward(typeof value === "number" ? value : null)} labelFormatter={(step) => `Step ${step}`} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Line dataKey="train" name="Train reward" stroke="var(--accent)" strokeWidth={2} dot={false} connectNulls isAnimationActive={false} />
        <Line dataKey="valid" name="Valid reward" stroke="var(--good)" strokeWidth={2} dot={sparseValid ? { r: 3 } : false} connectNulls isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}
