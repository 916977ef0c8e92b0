// Step 3's Generate: the running run's progress with Cancel, the selected run's outcome (what the
// gates removed, tokens and cost) with its review, the form with its live estimate, past runs.
import { useState } from "react";
import { useForgetGenerationRun, useGenerationRuns, useRefreshGeneration } from "../api/generationQueries";
import { isGenerationRunning } from "../api/liveness";
import type { Coverage } from "../api/topicsTypes";
import type { Dataset } from "../api/types";
import { ErrorState, LoadingState } from "../ui/States";
import { GenerationForm } from "./GenerationForm";
import { GenerationHistory } from "./GenerationHistory";
import { GenerationProgress } from "./GenerationProgress";
import { GenerationResult } from "./GenerationResult";
import { GenerationReviewOverlay } from "./GenerationReviewOverlay";
import "../styles/generation.css";

interface GenerationSectionProps {
  dataset: Dataset;
  coverage: Coverage;
  /** Leaf id → name with its parents'. */
  labels: ReadonlyMap<string, string>;
  /** The form is shown; the coverage actions' Generate button opens it. */
  formOpen: boolean;
  onFormOpenChange: (open: boolean) => void;
  openSettings: () => void;
  /** The dataset's records changed (a run ended, a run or record was deleted): coverage and counts refresh. */
  onDatasetChanged: () => void;
}

export function GenerationSection({ dataset, coverage, labels, formOpen, onFormOpenChange, openSettings, onDatasetChanged }: GenerationSectionProps) {
  const runs = useGenerationRuns(dataset.id);
  const refreshGeneration = useRefreshGeneration();
  const forgetRun = useForgetGenerationRun();
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [reviewingId, setReviewingId] = useState<number | null>(null);

  if (runs.isPending) return <LoadingState label="Loading the generation runs…" />;
  if (runs.isError) return <ErrorState error={runs.error} onRetry={() => runs.refetch()} title="The generation runs could not be loaded" />;

  const items = runs.data.items;
  const running = items.find(isGenerationRunning);
  const selected = items.find((run) => run.id === selectedId) ?? items[0];
  const reviewing = items.find((run) => run.id === reviewingId);
  const showForm = formOpen && !running;
  if (items.length === 0 && !formOpen) return null;

  return (
    <section className="generation-section" aria-label="Generation" data-testid="generation-section">
      <h3>
        Generate for gaps {items.length > 0 && <span className="count-pill">{items.length}</span>}
      </h3>
      {running && (
        <GenerationProgress
          key={running.id}
          run={running}
          onFinished={() => {
            setSelectedId(running.id);
            void refreshGeneration(dataset.id, running.id);
            onDatasetChanged();
          }}
        />
      )}
      {selected && !isGenerationRunning(selected) && <GenerationResult run={selected} labels={labels} onReview={() => setReviewingId(selected.id)} />}
      {formOpen && running && <p className="muted detail-note">Run #{running.id} is generating; the form comes back when it ends.</p>}
      {showForm && (
        <GenerationForm
          dataset={dataset}
          coverage={coverage}
          labels={labels}
          openSettings={openSettings}
          onStarted={(run) => {
            setSelectedId(run.id);
            onFormOpenChange(false);
            void refreshGeneration(dataset.id);
            onDatasetChanged();
          }}
        />
      )}
      {items.length > 0 && (
        <details className="generation-history-details" open>
          <summary>
            Runs <span className="count-pill">{items.length}</span>
          </summary>
          <GenerationHistory runs={items} selectedId={selected?.id} onSelect={setSelectedId} onReview={setReviewingId} />
        </details>
      )}
      {reviewing && (
        <GenerationReviewOverlay
          run={reviewing}
          labels={labels}
          onClose={() => setReviewingId(null)}
          onChanged={() => {
            void refreshGeneration(dataset.id, reviewing.id);
            onDatasetChanged();
          }}
          onDeleted={() => {
            forgetRun(reviewing.id);
            setReviewingId(null);
            setSelectedId(null);
            void refreshGeneration(dataset.id);
            onDatasetChanged();
          }}
        />
      )}
    </section>
  );
}
