// Step 7's benchmark: base against tuned on the same held-out records, graded with the dataset's
// grader. The running one's progress with Cancel, the selected one's report, the samples side by
// side, the form (from the latest succeeded run) and the dataset's past benchmarks.
import { useState } from "react";
import { useBenchmarks, useRefreshBenchmarks } from "../api/benchmarksQueries";
import { isBenchmarkRunning } from "../api/liveness";
import type { TrainingRun } from "../api/trainingTypes";
import { ErrorState, LoadingState } from "../ui/States";
import { useMayChange } from "../auth/useSession";
import { benchmarkState } from "./benchmarkDisplay";
import { BenchmarkHistory } from "./BenchmarkHistory";
import { BenchmarkProgress } from "./BenchmarkProgress";
import { BenchmarkReportView } from "./BenchmarkReportView";
import { BenchmarkSamplesOverlay } from "./BenchmarkSamplesOverlay";
import { NewBenchmarkForm } from "./NewBenchmarkForm";
import "../styles/benchmark.css";

interface BenchmarkSectionProps {
  datasetId: number;
  run: TrainingRun | undefined;
  /** The form is shown; the deploy panel's header opens it too. */
  formOpen: boolean;
  onFormOpenChange: (open: boolean) => void;
}

export function BenchmarkSection({ datasetId, run, formOpen, onFormOpenChange }: BenchmarkSectionProps) {
  const benchmarks = useBenchmarks(datasetId);
  const refreshBenchmarks = useRefreshBenchmarks();
  const mayRun = useMayChange()("benchmarks");
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [samplesOpen, setSamplesOpen] = useState(false);

  if (benchmarks.isPending) return <LoadingState label="Loading the benchmarks…" />;
  if (benchmarks.isError) return <ErrorState error={benchmarks.error} onRetry={() => benchmarks.refetch()} title="The benchmarks could not be loaded" />;

  const items = benchmarks.data.items;
  const running = items.find(isBenchmarkRunning);
  const selected = items.find((benchmark) => benchmark.id === selectedId) ?? items[0];
  const showForm = mayRun && (formOpen || (items.length === 0 && !running));
  // A selected benchmark that ended without a report (failed, cancelled) says how it ended.
  const ended = selected && !isBenchmarkRunning(selected) && !selected.report ? { id: selected.id, ...benchmarkState(selected) } : null;

  return (
    <section className="benchmark-section" aria-label="Benchmark" data-testid="benchmark-section">
      <h3>
        Benchmark {items.length > 0 && <span className="count-pill">{items.length}</span>}
      </h3>
      {running && <BenchmarkProgress key={running.id} benchmark={running} onFinished={() => void refreshBenchmarks(datasetId)} />}
      {selected?.report && <BenchmarkReportView benchmark={selected} report={selected.report} />}
      {ended && (
        <p className={`notice tone-${ended.tone === "bad" ? "bad" : "neutral"}`} data-testid="benchmark-ended">
          Benchmark #{ended.id}: {ended.text}
        </p>
      )}
      {items.length === 0 && !running && (
        <p className="muted detail-note">
          No benchmark yet. It samples the base and the tuned model on the same held-out records ({run ? `run #${run.id}'s validation split` : "a stratified sample"}) and
          grades both with the dataset's grader, so you see the improvement before deploying.
        </p>
      )}
      {items.length > 0 && (
        <div className="detail-actions">
          {selected?.report && (
            <button type="button" className="button" onClick={() => setSamplesOpen(true)} data-testid="benchmark-open-samples">
              Samples side by side
            </button>
          )}
          {mayRun && (
            <button type="button" className="button" onClick={() => onFormOpenChange(!formOpen)} aria-expanded={formOpen}>
              ↻ {formOpen ? "Hide benchmark options" : "Run a benchmark…"}
            </button>
          )}
        </div>
      )}
      {showForm && (
        <NewBenchmarkForm
          key={run?.id ?? "none"}
          datasetId={datasetId}
          run={run}
          disabledReason={running ? `Benchmark #${running.id} is running.` : null}
          onStarted={(benchmark) => {
            setSelectedId(benchmark.id);
            onFormOpenChange(false);
            void refreshBenchmarks(datasetId);
          }}
        />
      )}
      {items.length > 1 && (
        <details className="benchmark-history-details" open>
          <summary>
            Past benchmarks <span className="count-pill">{items.length}</span>
          </summary>
          <BenchmarkHistory benchmarks={items} selectedId={selected?.id} onSelect={setSelectedId} />
        </details>
      )}
      {samplesOpen && selected?.report && <BenchmarkSamplesOverlay benchmark={selected} report={selected.report} onClose={() => setSamplesOpen(false)} />}
    </section>
  );
}
