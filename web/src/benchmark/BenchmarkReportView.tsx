// A finished benchmark: the headline large, base against tuned, the paired difference with the
// records' outcomes, and the means per topic side by side.
import type { Benchmark, BenchmarkReport } from "../api/benchmarksTypes";
import { BenchmarkHeadline } from "./BenchmarkHeadline";
import { BenchmarkModelsTable } from "./BenchmarkModelsTable";
import { BenchmarkOutcomes } from "./BenchmarkOutcomes";
import { BenchmarkTopics } from "./BenchmarkTopics";

export function BenchmarkReportView({ benchmark, report }: { benchmark: Benchmark; report: BenchmarkReport }) {
  return (
    <div className="benchmark-report" data-testid="benchmark-report" data-benchmark={benchmark.id}>
      <BenchmarkHeadline benchmark={benchmark} report={report} />
      <div className="benchmark-columns">
        <div className="table-card">
          <BenchmarkModelsTable report={report} />
        </div>
        <BenchmarkOutcomes report={report} />
      </div>
      <details className="benchmark-topics-details" open={report.topics.length <= 8}>
        <summary>
          Mean score per topic <span className="count-pill">{report.topics.length}</span>
        </summary>
        <BenchmarkTopics datasetId={benchmark.dataset_id} topics={report.topics} />
      </details>
    </div>
  );
}
