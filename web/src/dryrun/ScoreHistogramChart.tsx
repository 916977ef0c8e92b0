// The dry run's score distribution drawn with recharts; loaded on demand through ScoreHistogram.
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCount } from "../format/numbers";
import { histogramBins, type HistogramBin } from "./histogramBins";

export interface ScoreHistogramProps {
  counts: number[];
  height?: number;
}

function BinTooltip({ active, payload }: { active?: boolean; payload?: { payload: HistogramBin }[] }) {
  const bin = payload?.[0]?.payload;
  if (!active || !bin) return null;
  return (
    <div className="chart-tooltip">
      <strong>{bin.range}</strong>
      <div>
        {formatCount(bin.count)} samples ({Math.round(bin.share * 100)}%)
      </div>
    </div>
  );
}

export default function ScoreHistogramChart({ counts, height = 180 }: ScoreHistogramProps) {
  const bins = histogramBins(counts);
  const description = bins.map((bin) => `${bin.range}: ${bin.count}`).join("; ");
  return (
    <figure className="score-histogram" data-testid="score-histogram" aria-label={`Score distribution. ${description}`}>
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={bins} margin={{ top: 8, right: 8, bottom: 0, left: -16 }} barCategoryGap={2}>
          <CartesianGrid vertical={false} stroke="var(--border)" />
          <XAxis dataKey="label" tick={{ fontSize: 11, fill: "var(--text-muted)" }} tickLine={false} axisLine={{ stroke: "var(--border-strong)" }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "var(--text-muted)" }} tickLine={false} axisLine={false} />
          <Tooltip content={<BinTooltip />} cursor={{ fill: "var(--surface-sunken)" }} />
          <Bar dataKey="count" fill="var(--accent)" radius={[3, 3, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
      <figcaption className="muted">Score (bins of 0.1; the last includes 1.0)</figcaption>
    </figure>
  );
}
