import type { Dataset, StepName } from "../api/types";
import { STEP_INFO, STEP_STATUS_LOOK } from "../steps/stepCatalog";
import { StatusBadge } from "../ui/StatusBadge";
import { ExtractDetail, type ExtractActions } from "./ExtractDetail";
import { UpcomingStepDetail } from "./UpcomingStepDetail";

interface StepDetailPanelProps {
  dataset: Dataset;
  step: StepName;
  extractActions: ExtractActions;
  onJobFinished: () => void;
}

/** The selected step's figures and actions, under the canvas. */
export function StepDetailPanel({ dataset, step, extractActions, onJobFinished }: StepDetailPanelProps) {
  const state = dataset.steps.find((candidate) => candidate.step === step);
  if (!state) return null;
  const info = STEP_INFO[step];
  return (
    <section className="detail-panel" aria-label={`Step ${info.number}: ${info.title}`} data-testid="step-detail">
      <header className="detail-header">
        <h2>
          {info.number}. {info.title}
        </h2>
        <StatusBadge look={STEP_STATUS_LOOK[state.status]} />
      </header>
      <p className="detail-headline">{state.headline}</p>
      {step === "extract" ? <ExtractDetail dataset={dataset} actions={extractActions} onJobFinished={onJobFinished} /> : <UpcomingStepDetail step={step} status={state.status} />}
    </section>
  );
}
