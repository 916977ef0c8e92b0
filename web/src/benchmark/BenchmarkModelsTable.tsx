// Base against tuned, figure by figure: mean with its 95% interval, records scored, errors,
// latency, tokens and, with prices, cost.
import type { ReactNode } from "react";
import type { BenchmarkModelFigures, BenchmarkReport } from "../api/benchmarksTypes";
import { formatCount, formatDollars } from "../format/numbers";
import { formatInterval, formatScore } from "../format/scores";
import { formatLatency } from "../deploy/deployDisplay";

interface Row {
  label: string;
  hint?: string;
  value: (figures: BenchmarkModelFigures) => ReactNode;
}

const ROWS: Row[] = [
  {
    label: "Mean score",
    hint: "95% bootstrap interval over records",
    value: (figures) => (
      <>
        <strong className="benchmark-mean">{formatScore(figures.mean)}</strong> <span className="muted">{formatInterval(figures.ci)}</span>
      </>
    ),
  },
  { label: "Samples scored", hint: "k per record", value: (figures) => formatCount(figures.scored) },
  {
    label: "Errors",
    hint: "sampling / grader",
    value: (figures) => (
      <span className={figures.sampling_errors + figures.grader_errors > 0 ? "tone-text-bad" : undefined}>
        {formatCount(figures.sampling_errors)} / {formatCount(figures.grader_errors)}
      </span>
    ),
  },
  { label: "Latency p50 / p95", value: (figures) => `${formatLatency(figures.latency_ms.p50)} / ${formatLatency(figures.latency_ms.p95)}` },
  { label: "Tokens in / out", value: (figures) => `${formatCount(figures.prompt_tokens)} / ${formatCount(figures.completion_tokens)}` },
];

const COST_ROW: Row = { label: "Cost", value: (figures) => (figures.cost_usd === null ? "—" : formatDollars(figures.cost_usd)) };

export function BenchmarkModelsTable({ report }: { report: BenchmarkReport }) {
  const rows = report.base.cost_usd !== null || report.tuned.cost_usd !== null ? [...ROWS, COST_ROW] : ROWS;
  return (
    <table className="table benchmark-models" data-testid="benchmark-models">
      <thead>
        <tr>
          <th />
          <th className="numeric">
            Base <code className="benchmark-model-name">{report.base.model}</code>
          </th>
          <th className="numeric">
            Tuned <code className="benchmark-model-name">{report.tuned.model}</code>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.label}>
            <th scope="row">
              {row.label}
              {row.hint && <span className="muted benchmark-row-hint">{row.hint}</span>}
            </th>
            <td className="numeric" data-arm="base">
              {row.value(report.base)}
            </td>
            <td className="numeric" data-arm="tuned">
              {row.value(report.tuned)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
