import type { StepState } from "../api/types";
import { STEP_INFO, STEP_STATUS_LOOK } from "../steps/stepCatalog";

/** Seven small segments, one per step, coloured by the step's status. */
export function MiniPipeline({ steps }: { steps: StepState[] }) {
  const summary = steps.map((step) => `${STEP_INFO[step.step].number}. ${STEP_INFO[step.step].shortTitle}: ${STEP_STATUS_LOOK[step.status].label}`).join(", ");
  return (
    <div className="mini-pipeline" role="img" aria-label={summary} title={summary}>
      {steps.map((step) => (
        <span key={step.step} className={`mini-step tone-${STEP_STATUS_LOOK[step.status].tone}`} />
      ))}
    </div>
  );
}
