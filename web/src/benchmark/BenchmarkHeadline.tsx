// The benchmark's answer, large: "0.45 → 0.67, +49%" (the server's headline), in words whether
// the tuned model is better, and what was compared.
import type { Benchmark, BenchmarkReport } from "../api/benchmarksTypes";
import { formatRelativeTime } from "../format/time";
import { benchmarkConclusion, describeBenchmarkSize } from "./benchmarkDisplay";

export function BenchmarkHeadline({ benchmark, report }: { benchmark: Benchmark; report: BenchmarkReport }) {
  const conclusion = benchmarkConclusion(report.difference);
  return (
    <div className={`benchmark-headline tone-${conclusion.tone}`} data-testid="benchmark-headline" data-conclusive={report.difference.conclusive}>
      <div className="benchmark-headline-figure" data-testid="benchmark-headline-text">
        {report.headline}
      </div>
      <div className="benchmark-headline-facts">
        <p className="benchmark-conclusion">{conclusion.text}</p>
        <p className="muted">
          Benchmark #{benchmark.id}: <code>{benchmark.base_model}</code> → <code>{benchmark.tuned_model}</code> · {describeBenchmarkSize(report)} ·{" "}
          <span title={benchmark.created_at}>{formatRelativeTime(benchmark.created_at)}</span>
        </p>
      </div>
    </div>
  );
}
