// The run's samples a page at a time (GET …/dry-run/samples), sortable by score; a row opens the
// sample with its full prompt, output and logs.
import { useState } from "react";
import { DRY_RUN_SAMPLES_PAGE_SIZE, useDryRunSamples } from "../api/gradingQueries";
import type { DryRunSampleSort } from "../api/gradingTypes";
import { formatCount } from "../format/numbers";
import { PageStepper } from "../ui/PageStepper";
import { EmptyState, ErrorState, LoadingState } from "../ui/States";
import { SampleScore } from "./SampleScore";

const SORTS: { value: DryRunSampleSort; label: string }[] = [
  { value: "index", label: "Run order" },
  { value: "score", label: "Lowest score first" },
  { value: "-score", label: "Highest score first" },
  { value: "-latency", label: "Slowest first" },
];

interface SamplesTableProps {
  datasetId: number;
  onOpenSample: (index: number) => void;
}

export function SamplesTable({ datasetId, onOpenSample }: SamplesTableProps) {
  const [sort, setSort] = useState<DryRunSampleSort>("index");
  const [errorsOnly, setErrorsOnly] = useState(false);
  const [offset, setOffset] = useState(0);
  const page = useDryRunSamples(datasetId, { sort, errors: errorsOnly }, offset);
  const total = page.data?.total ?? 0;
  const scoreSort = sort === "score" ? "ascending" : sort === "-score" ? "descending" : "none";

  const changeSort = (next: DryRunSampleSort) => {
    setSort(next);
    setOffset(0);
  };

  return (
    <div className="samples" data-testid="dry-run-samples">
      <div className="filters">
        <label className="filter">
          Sort
          <select value={sort} onChange={(event) => changeSort(event.target.value as DryRunSampleSort)} aria-label="Sort samples">
            {SORTS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox samples-errors-only">
          <input
            type="checkbox"
            checked={errorsOnly}
            onChange={(event) => {
              setErrorsOnly(event.target.checked);
              setOffset(0);
            }}
          />
          Errors only
        </label>
        <span className="spacer" />
        <PageStepper offset={offset} pageSize={DRY_RUN_SAMPLES_PAGE_SIZE} total={page.data ? total : 0} onOffset={setOffset} />
      </div>
      {page.isPending ? (
        <LoadingState label="Loading the samples…" />
      ) : page.isError ? (
        <ErrorState error={page.error} onRetry={() => page.refetch()} />
      ) : page.data.items.length === 0 ? (
        <EmptyState title={errorsOnly ? "No errors" : "No samples"}>{errorsOnly ? "Every sample was sampled and graded." : "The run has no samples."}</EmptyState>
      ) : (
        <div className="table-card samples-table-card">
          <table className="table samples-table">
            <thead>
              <tr>
                <th className="numeric">#</th>
                <th>Prompt</th>
                <th>Output</th>
                <th aria-sort={scoreSort}>
                  <button type="button" className="sort-button" onClick={() => changeSort(sort === "-score" ? "score" : "-score")} title="Sort by score">
                    Score {sort === "-score" ? "↓" : sort === "score" ? "↑" : "↕"}
                  </button>
                </th>
                <th>Reason / error</th>
                <th className="numeric">Latency</th>
                <th className="numeric">Tokens</th>
              </tr>
            </thead>
            <tbody>
              {page.data.items.map((sample) => (
                <tr key={sample.index} data-testid="dry-run-sample-row" data-score={sample.score ?? ""} className={sample.error ? "sample-row-error" : undefined}>
                  <td className="numeric muted">{sample.index + 1}</td>
                  <td className="sample-cell sample-prompt">
                    <button type="button" className="link-button" onClick={() => onOpenSample(sample.index)} title={sample.preview}>
                      {sample.preview || "(no user message)"}
                    </button>
                  </td>
                  <td className="sample-cell sample-output" title={sample.output_text}>
                    {sample.output_text || (sample.tool_calls.length > 0 ? <span className="muted">{sample.tool_calls.length} tool call(s)</span> : <span className="muted">—</span>)}
                  </td>
                  <td>
                    <SampleScore sample={sample} />
                  </td>
                  <td className={sample.error ? "sample-cell tone-text-bad" : "sample-cell"} title={sample.error || sample.reason}>
                    {sample.error || sample.reason || <span className="muted">—</span>}
                  </td>
                  <td className="numeric">{Math.round(sample.latency_ms)} ms</td>
                  <td className="numeric">{sample.tokens > 0 ? formatCount(sample.tokens) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
