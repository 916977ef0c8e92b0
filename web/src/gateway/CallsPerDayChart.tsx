import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { DayTotals } from "../traces/usageByDay";

/** Calls per UTC day, the failed ones stacked on top in the error colour. */
export function CallsPerDayChart({ days }: { days: DayTotals[] }) {
  return (
    <div className="usage-chart" role="img" aria-label={`Calls per day over ${days.length} days`}>
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={days} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#dfe3e8" />
          <XAxis dataKey="day" tick={{ fontSize: 12 }} tickLine={false} minTickGap={16} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12 }} tickLine={false} axisLine={false} width={44} />
          <Tooltip cursor={{ fill: "rgb(47 91 211 / 6%)" }} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="ok" name="OK" stackId="calls" fill="#2f5bd3" isAnimationActive={false} maxBarSize={48} />
          <Bar dataKey="errors" name="Errors" stackId="calls" fill="#c8322e" isAnimationActive={false} maxBarSize={48} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
