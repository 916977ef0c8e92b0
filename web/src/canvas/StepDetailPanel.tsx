import type { ComponentType } from "react";
import type { Dataset, StepName } from "../api/types";
import { STEP_INFO, STEP_STATUS_LOOK } from "../steps/stepCatalog";
import { StatusBadge } from "../ui/StatusBadge";
import { CoverageDetail } from "../coverage/CoverageDetail";
import { DeployDetail } from "../deploy/DeployDetail";
import type { RecordFilterState } from "../records/recordFilters";
import { DryRunDetail } from "../dryrun/DryRunDetail";
import { GraderDetail } from "../grading/GraderDetail";
import { TopicsDetail } from "../topics/TopicsDetail";
import { TrainingDetail } from "../training/TrainingDetail";
import { ExtractDetail, type ExtractActions } from "./ExtractDetail";

/** What every step's detail gets; a step uses what it needs. */
export interface StepDetailProps {
  dataset: Dataset;
  extractActions: ExtractActions;
  onJobFinished: () => void;
  /** Opens the records overlay with these filters (a topic, a confidence band…). */
  openRecords: (filters: Partial<RecordFilterState>) => void;
  /** Shows another step's panel (a succeeded run's Deploy opens step 7). */
  selectStep: (step: StepName) => void;
  /** Opens the dataset settings (where the models are set). */
  openSettings: () => void;
}

/** The detail of each step. */
const STEP_DETAILS: Record<StepName, ComponentType<StepDetailProps>> = {
  extract: ({ dataset, extractActions, onJobFinished }) => <ExtractDetail dataset={dataset} actions={extractActions} onJobFinished={onJobFinished} />,
  topics: ({ dataset, onJobFinished, openRecords }) => <TopicsDetail dataset={dataset} onJobFinished={onJobFinished} openRecords={openRecords} />,
  coverage: ({ dataset, onJobFinished, openRecords, openSettings }) => <CoverageDetail dataset={dataset} onChanged={onJobFinished} openRecords={openRecords} openSettings={openSettings} />,
  grader: ({ dataset }) => <GraderDetail dataset={dataset} />,
  dry_run: ({ dataset, onJobFinished, selectStep }) => <DryRunDetail dataset={dataset} onJobFinished={onJobFinished} onTrain={() => selectStep("train")} />,
  train: ({ dataset, selectStep }) => <TrainingDetail dataset={dataset} selectStep={selectStep} />,
  deploy: ({ dataset, selectStep }) => <DeployDetail dataset={dataset} selectStep={selectStep} />,
};

interface StepDetailPanelProps extends StepDetailProps {
  step: StepName;
}

/** The selected step's figures and actions, under the canvas. */
export function StepDetailPanel({ step, ...detailProps }: StepDetailPanelProps) {
  const state = detailProps.dataset.steps.find((candidate) => candidate.step === step);
  if (!state) return null;
  const info = STEP_INFO[step];
  const Detail = STEP_DETAILS[step];
  return (
    <section className="detail-panel" aria-label={`Step ${info.number}: ${info.title}`} data-testid="step-detail">
      <header className="detail-header">
        <h2>
          {info.number}. {info.title}
        </h2>
        <StatusBadge look={STEP_STATUS_LOOK[state.status]} />
      </header>
      <p className="detail-headline">{state.headline}</p>
      <Detail {...detailProps} />
    </section>
  );
}
