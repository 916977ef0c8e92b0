// The dataset's benchmarks, newest first: which models, how big, how it ended; a row shows its report.
import type { Benchmark } from "../api/benchmarksTypes";
import { formatCount } from "../format/numbers";
import { formatRelativeTime } from "../format/time";
import { benchmarkState } from "./benchmarkDisplay";

interface BenchmarkHistoryProps {
  benchmarks: Benchmark[];
  selectedId: number | undefined;
  onSelect: (id: number) => void;
}

export function BenchmarkHistory({ benchmarks, selectedId, onSelect }: BenchmarkHistoryProps) {
  return (
    <div className="table-card">
      <table className="table benchmark-history" data-testid="benchmark-history">
        <thead>
          <tr>
            <th>Benchmark</th>
            <th>Base → tuned</th>
            <th className="numeric">Records</th>
            <th>Result</th>
            <th>Created</th>
          </tr>
        </thead>
        <tbody>
          {benchmarks.map((benchmark) => {
            const state = benchmarkState(benchmark);
            const selected = benchmark.id === selectedId;
            return (
              <tr key={benchmark.id} className={selected ? "row-selected" : undefined} data-benchmark={benchmark.id} aria-selected={selected}>
                <td>
                  <button type="button" className="link-button" onClick={() => onSelect(benchmark.id)} aria-label={`Show benchmark #${benchmark.id}`}>
                    #{benchmark.id}
                  </button>
                </td>
                <td className="benchmark-history-models">
                  <code>{benchmark.base_model}</code> → <code>{benchmark.tuned_model}</code>
                </td>
                <td className="numeric">{benchmark.report ? `${formatCount(benchmark.report.records)} × ${benchmark.report.k}` : "—"}</td>
                <td className={`tone-text-${state.tone} benchmark-history-result`} title={state.text}>
                  {state.text}
                </td>
                <td title={benchmark.created_at}>{formatRelativeTime(benchmark.created_at)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
