// Every held-out record of a benchmark with both models' answers side by side, a page at a time
// (GET /api/benchmarks/:id/samples), filtered by outcome and topic.
import { useState } from "react";
import { BENCHMARK_SAMPLES_PAGE_SIZE, useBenchmarkSamples } from "../api/benchmarksQueries";
import type { Benchmark, BenchmarkOutcome, BenchmarkReport } from "../api/benchmarksTypes";
import { useTopics } from "../api/topicsQueries";
import { formatCount } from "../format/numbers";
import { PageStepper } from "../ui/PageStepper";
import { leafLabels } from "../topics/topicTree";
import { Modal } from "../ui/Modal";
import { EmptyState, ErrorState, LoadingState } from "../ui/States";
import { OUTCOME_LABEL, OUTCOMES } from "./benchmarkDisplay";
import { BenchmarkRecordCard } from "./BenchmarkRecordCard";

interface BenchmarkSamplesOverlayProps {
  benchmark: Benchmark;
  report: BenchmarkReport;
  onClose: () => void;
}

export function BenchmarkSamplesOverlay({ benchmark, report, onClose }: BenchmarkSamplesOverlayProps) {
  const [outcome, setOutcome] = useState<BenchmarkOutcome | "">("");
  const [topic, setTopic] = useState("");
  const [offset, setOffset] = useState(0);
  const page = useBenchmarkSamples(benchmark.id, { outcome: outcome || undefined, topic: topic || undefined }, offset);
  const hierarchy = useTopics(benchmark.dataset_id);
  const labels = leafLabels(hierarchy.data?.topics ?? []);
  const topicLabel = (id: string) => (id === "" ? null : (labels.get(id) ?? id));
  const total = page.data?.total ?? 0;

  return (
    <Modal title={`Benchmark #${benchmark.id}: samples side by side`} size="full" onClose={onClose}>
      <div className="benchmark-samples" data-testid="benchmark-samples">
        <div className="filters">
          <label className="filter">
            Outcome
            <select
              value={outcome}
              onChange={(event) => {
                setOutcome(event.target.value as BenchmarkOutcome | "");
                setOffset(0);
              }}
              aria-label="Outcome"
            >
              <option value="">All ({formatCount(report.records)})</option>
              {OUTCOMES.map((candidate) => (
                <option key={candidate} value={candidate}>
                  {OUTCOME_LABEL[candidate]} ({formatCount(report.outcomes[candidate])})
                </option>
              ))}
            </select>
          </label>
          {report.topics.length > 0 && (
            <label className="filter">
              Topic
              <select
                value={topic}
                onChange={(event) => {
                  setTopic(event.target.value);
                  setOffset(0);
                }}
                aria-label="Topic"
              >
                <option value="">All topics</option>
                {report.topics.map((candidate) => (
                  <option key={candidate.topic} value={candidate.topic}>
                    {topicLabel(candidate.topic) ?? "Uncategorized"} ({formatCount(candidate.records)})
                  </option>
                ))}
              </select>
            </label>
          )}
          <span className="spacer" />
          <PageStepper offset={offset} pageSize={BENCHMARK_SAMPLES_PAGE_SIZE} total={total} noun="record" onOffset={setOffset} />
        </div>
        {page.isPending ? (
          <LoadingState label="Loading the samples…" />
        ) : page.isError ? (
          <ErrorState error={page.error} onRetry={() => page.refetch()} title="The samples could not be loaded" />
        ) : page.data.items.length === 0 ? (
          <EmptyState title="No records">{outcome || topic ? "No record matches these filters." : "The benchmark has no samples."}</EmptyState>
        ) : (
          <ol className={page.isPlaceholderData ? "benchmark-records is-stale" : "benchmark-records"}>
            {page.data.items.map((record) => (
              <BenchmarkRecordCard key={record.record_id} benchmark={benchmark} record={record} topicLabel={topicLabel(record.topic)} />
            ))}
          </ol>
        )}
      </div>
    </Modal>
  );
}
