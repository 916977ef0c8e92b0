// The head of step 7, as in the seed's Deploy: the model ready to deploy and its improvement over
// the base model from the latest benchmark, with the ways to check it (benchmark, playground).
import type { Benchmark } from "../api/benchmarksTypes";
import type { TrainingRun } from "../api/trainingTypes";
import { benchmarkConclusion } from "../benchmark/benchmarkDisplay";
import { CopyButton } from "../ui/CopyButton";
import { IfAllowed } from "../auth/IfAllowed";

interface DeployModelSummaryProps {
  run: TrainingRun;
  /** The newest benchmark with a report, if any. */
  benchmark: Benchmark | undefined;
  onBenchmark: () => void;
  onPlayground: () => void;
}

export function DeployModelSummary({ run, benchmark, onBenchmark, onPlayground }: DeployModelSummaryProps) {
  const model = run.fine_tuned_model ?? "";
  const report = benchmark?.report;
  const conclusion = report ? benchmarkConclusion(report.difference) : null;
  return (
    <div className="deploy-model" data-testid="deploy-source">
      <dl className="deploy-model-facts">
        <div>
          <dt>Model ready</dt>
          <dd className="deploy-model-id">
            <code data-testid="deploy-model-id">{model}</code>
            <CopyButton text={model} label="Copy id" />
            <span className="muted">
              run #{run.id}, the latest that succeeded, from <code>{run.base_model}</code>
            </span>
          </dd>
        </div>
        <div>
          <dt>Improvement</dt>
          <dd data-testid="deploy-improvement">
            {report && conclusion && benchmark ? (
              <>
                <strong className={`deploy-improvement tone-text-${conclusion.tone}`}>{report.headline}</strong>
                <span className="muted">
                  {" "}
                  {conclusion.text.toLowerCase()} · benchmark #{benchmark.id}
                  {benchmark.tuned_model !== model && (
                    <>
                      {" "}
                      of <code>{benchmark.tuned_model}</code>
                    </>
                  )}
                </span>
              </>
            ) : (
              <span className="muted">Not benchmarked yet: a benchmark grades both models on held-out records.</span>
            )}
          </dd>
        </div>
      </dl>
      <div className="deploy-model-actions">
        <IfAllowed to="benchmarks">
          <button type="button" className="button" onClick={onBenchmark}>
            ▶ Run a benchmark…
          </button>
        </IfAllowed>
        <IfAllowed to="playground">
          <button type="button" className="button" onClick={onPlayground} data-testid="open-playground">
            Test in the playground
          </button>
        </IfAllowed>
      </div>
    </div>
  );
}
