// "Full results" of the last dry run: verdict, metrics with thresholds, histogram, topics,
// diagnoses, errors and the per-sample table.
import { useState } from "react";
import type { DryRun } from "../api/gradingTypes";
import { Modal } from "../ui/Modal";
import { DryRunDiagnoses } from "./DryRunDiagnoses";
import { DryRunFacts } from "./DryRunFacts";
import { DryRunMetrics } from "./DryRunMetrics";
import { DryRunVerdictBanner } from "./DryRunVerdictBanner";
import { SampleDetailDialog } from "./SampleDetailDialog";
import { SamplesTable } from "./SamplesTable";
import { ScoreHistogram } from "./ScoreHistogram";
import { TopicMeans } from "./TopicMeans";

interface DryRunResultsOverlayProps {
  datasetId: number;
  run: DryRun;
  staleNotice: string | null;
  onClose: () => void;
}

export function DryRunResultsOverlay({ datasetId, run, staleNotice, onClose }: DryRunResultsOverlayProps) {
  const [openSample, setOpenSample] = useState<number | null>(null);
  const { report } = run;
  return (
    <Modal title="Dry run results" size="full" onClose={onClose}>
      <div className="dry-run-results" data-testid="dry-run-results">
        {staleNotice && <div className="notice tone-warn">{staleNotice}</div>}
        <DryRunVerdictBanner run={run} stale={staleNotice !== null} />
        <DryRunMetrics report={report} />
        <div className="dry-run-columns">
          <section>
            <h3>Score distribution</h3>
            <ScoreHistogram counts={report.statistics.histogram} height={200} />
          </section>
          <section>
            <h3>Mean score per topic</h3>
            <TopicMeans datasetId={datasetId} topicMeans={report.topic_means} />
          </section>
        </div>
        <DryRunFacts report={report} />
        {report.diagnoses.length > 0 && (
          <section>
            <h3>Likely causes</h3>
            <DryRunDiagnoses diagnoses={report.diagnoses} onOpenSample={setOpenSample} />
          </section>
        )}
        <section>
          <h3>Samples</h3>
          <SamplesTable datasetId={datasetId} onOpenSample={setOpenSample} />
        </section>
      </div>
      {openSample !== null && <SampleDetailDialog datasetId={datasetId} index={openSample} onClose={() => setOpenSample(null)} />}
    </Modal>
  );
}
