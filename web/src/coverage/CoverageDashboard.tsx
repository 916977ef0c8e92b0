// The coverage dashboard (PRODUCT.md §5): share against target per topic, the records each topic
// lacks, the confidence mix and the sources per topic, and the token-length distribution. Every
// figure is the server's (GET /coverage).
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useCoverage, useTopics } from "../api/topicsQueries";
import { IfAllowed } from "../auth/IfAllowed";
import { leafLabels } from "../topics/topicTree";
import type { Coverage } from "../api/topicsTypes";
import { formatCount } from "../format/numbers";
import { BALANCE_LOOK, CONFIDENCE_BANDS, CONFIDENCE_LOOK } from "../topics/confidence";
import { roundTicks } from "../ui/chartTicks";
import { Modal } from "../ui/Modal";
import { EmptyState, ErrorState, LoadingState } from "../ui/States";
import { formatDeficit, shortLabel, tokenBucketLabel, topicsShort } from "./coverageFigures";

const COLORS = {
  share: "#2f5bd3",
  target: "#9aa5b1",
  high: "#1f8a4c",
  medium: "#6d8ff0",
  low: "#b26a00",
  tokens: "#2f5bd3",
};
const ORIGIN_COLORS: Record<string, string> = { import: "#2f5bd3", trace: "#1f8a4c", generated: "#8e5bd3", edited: "#b26a00" };
const ORIGINS = ["import", "trace", "generated", "edited"];
// A share as a whole percent, or with one decimal below 10% where the axis steps by less than 1%.
const percentTick = (value: number) => (value > 0 && value < 0.1 && Math.round(value * 1000) % 10 !== 0 ? `${(value * 100).toFixed(1)}%` : `${Math.round(value * 100)}%`);

interface CoverageDashboardProps {
  datasetId: number;
  onClose: () => void;
  /** Closes the dashboard and opens step 3's Generate for gaps form. */
  onGenerate: () => void;
}

export function CoverageDashboard({ datasetId, onClose, onGenerate }: CoverageDashboardProps) {
  const coverage = useCoverage(datasetId);
  const hierarchy = useTopics(datasetId);
  const labels = leafLabels(hierarchy.data?.topics ?? []);
  return (
    <Modal title="Coverage" size="full" onClose={onClose}>
      {coverage.isPending ? (
        <LoadingState label="Loading coverage…" />
      ) : coverage.isError ? (
        <ErrorState error={coverage.error} onRetry={() => coverage.refetch()} title="Coverage could not be loaded" />
      ) : coverage.data.topics.length === 0 ? (
        <EmptyState title="No topics yet">Define topics in step 2 to see how the records spread over them.</EmptyState>
      ) : (
        <Dashboard report={coverage.data} labels={labels} onGenerate={onGenerate} />
      )}
    </Modal>
  );
}

function Dashboard({ report, labels, onGenerate }: { report: Coverage; labels: Map<string, string>; onGenerate: () => void }) {
  const look = report.balance_band ? BALANCE_LOOK[report.balance_band] : null;
  const worst = report.topics.find((topic) => topic.id === report.worst_topic);
  const nameOf = (id: string, fallback: string) => labels.get(id) ?? fallback;
  const short = topicsShort(report);
  // Axes name each topic by its own name (they are narrow); the table and tooltips give the path.
  // Rows are keyed by topic id: two sub-topics may share a name under different parents.
  const rows = report.topics.map((topic) => ({
    id: topic.id,
    share: topic.share,
    target: topic.target,
    ...Object.fromEntries(CONFIDENCE_BANDS.map((band) => [band, topic.confidence[band] ?? 0])),
    ...Object.fromEntries(ORIGINS.map((origin) => [origin, topic.sources[origin] ?? 0])),
  }));
  const names = new Map(report.topics.map((topic) => [topic.id, topic.name]));
  const pathOf = (id: unknown) => labels.get(String(id)) ?? names.get(String(id)) ?? String(id);
  const tick = (max: number) => (id: string) => shortLabel(names.get(id) ?? id, max);
  const origins = ORIGINS.filter((origin) => report.topics.some((topic) => (topic.sources[origin] ?? 0) > 0));
  const tokens = report.token_lengths.map((bucket) => ({ name: tokenBucketLabel(bucket.from, bucket.to), records: bucket.records }));
  const chartHeight = Math.max(220, 34 * rows.length + 60);
  // Round steps on every axis (recharts' own landed on 7.5% printed as "8%", or steps of 85).
  const shareTicks = roundTicks(Math.max(...rows.map((row) => Math.max(row.share, row.target))));
  const recordTicks = roundTicks(Math.max(...report.topics.map((topic) => topic.records)), { whole: true });
  const tokenTicks = roundTicks(Math.max(...tokens.map((bucket) => bucket.records)), { whole: true });

  return (
    <div className="coverage-dashboard" data-testid="coverage-dashboard">
      <section className="coverage-summary">
        <div>
          <span className="coverage-summary-label">Balance score</span>
          <strong className="coverage-score">{report.balance_score === null ? "—" : report.balance_score.toFixed(2)}</strong>
          {look && <span className={`badge tone-${look.tone}`}>{look.label}</span>}
        </div>
        <p className="muted">
          The worst-covered topic{worst ? ` (${nameOf(worst.id, worst.name)})` : ""} has {report.balance_score === null ? "—" : `${Math.round(report.balance_score * 100)}%`} of the share it should have. Good above
          0.6, attention from 0.3 to 0.6, poor below 0.3. {formatCount(report.categorized)} categorized valid records
          {report.uncategorized > 0 ? `, ${formatCount(report.uncategorized)} uncategorized (not counted)` : ""}.
        </p>
      </section>

      <section className="coverage-card coverage-wide">
        <h3>Share of records against target</h3>
        <ResponsiveContainer width="100%" height={chartHeight}>
          <BarChart data={rows} layout="vertical" margin={{ left: 8, right: 24 }} barGap={2}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" tickFormatter={percentTick} domain={[0, shareTicks.at(-1)!]} ticks={shareTicks} />
            <YAxis type="category" dataKey="id" width={230} tick={{ fontSize: 12 }} interval={0} tickFormatter={tick(30)} />
            <Tooltip formatter={(value) => percentTick(Number(value))} labelFormatter={pathOf} />
            <Legend itemSorter={null} />
            <Bar dataKey="share" name="Share" fill={COLORS.share} isAnimationActive={false} />
            <Bar dataKey="target" name="Target" fill={COLORS.target} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </section>

      <section className="coverage-card">
        <h3>Records each topic lacks</h3>
        {short.length === 0 ? (
          <p className="muted">Every topic meets its target.</p>
        ) : (
          <table className="table deficit-table" data-testid="deficit-table">
            <thead>
              <tr>
                <th>Topic</th>
                <th className="numeric">Records</th>
                <th className="numeric">Share</th>
                <th className="numeric">Target</th>
                <th className="numeric">Deficit</th>
              </tr>
            </thead>
            <tbody>
              {short.map((topic) => (
                <tr key={topic.id}>
                  <td>{nameOf(topic.id, topic.name)}</td>
                  <td className="numeric">{formatCount(topic.records)}</td>
                  <td className="numeric">{percentTick(topic.share)}</td>
                  <td className="numeric">
                    {percentTick(topic.target)}
                    {!topic.target_set && <span className="muted"> (equal)</span>}
                  </td>
                  <td className="numeric tone-text-warn">{formatDeficit(topic.deficit)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="muted detail-note">Deficit = floor(target × categorized records − records).</p>
        {short.length > 0 && (
          <IfAllowed to="generation">
            <div className="detail-actions">
              <button type="button" className="button" onClick={onGenerate} data-testid="dashboard-generate">
                ✦ Generate for gaps…
              </button>
              <span className="muted detail-note">An LLM writes records for the topics short of their target; the form opens in step 3, under the coverage bars.</span>
            </div>
          </IfAllowed>
        )}
      </section>

      <section className="coverage-card">
        <h3>Token length (valid records)</h3>
        <ResponsiveContainer width="100%" height={240}>
          <BarChart data={tokens} margin={{ left: 0, right: 12 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" tick={{ fontSize: 12 }} />
            <YAxis allowDecimals={false} domain={[0, tokenTicks.at(-1)!]} ticks={tokenTicks} />
            <Tooltip />
            <Bar dataKey="records" name="Records" fill={COLORS.tokens} maxBarSize={56} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </section>

      <section className="coverage-card">
        <h3>Confidence per topic</h3>
        <ResponsiveContainer width="100%" height={chartHeight}>
          <BarChart data={rows} layout="vertical" margin={{ left: 8, right: 16 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" allowDecimals={false} domain={[0, recordTicks.at(-1)!]} ticks={recordTicks} />
            <YAxis type="category" dataKey="id" width={170} tick={{ fontSize: 12 }} interval={0} tickFormatter={tick(22)} />
            <Tooltip labelFormatter={pathOf} />
            <Legend itemSorter={null} />
            {CONFIDENCE_BANDS.map((band) => (
              <Bar key={band} dataKey={band} stackId="confidence" name={`${CONFIDENCE_LOOK[band].label} (${CONFIDENCE_LOOK[band].range})`} fill={COLORS[band]} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </section>

      <section className="coverage-card">
        <h3>Sources per topic</h3>
        <ResponsiveContainer width="100%" height={chartHeight}>
          <BarChart data={rows} layout="vertical" margin={{ left: 8, right: 16 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" allowDecimals={false} domain={[0, recordTicks.at(-1)!]} ticks={recordTicks} />
            <YAxis type="category" dataKey="id" width={170} tick={{ fontSize: 12 }} interval={0} tickFormatter={tick(22)} />
            <Tooltip labelFormatter={pathOf} />
            <Legend itemSorter={null} />
            {origins.map((origin) => (
              <Bar key={origin} dataKey={origin} stackId="origin" name={origin} fill={ORIGIN_COLORS[origin]} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </section>
    </div>
  );
}
