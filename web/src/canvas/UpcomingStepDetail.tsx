import type { StepName } from "../api/types";
import { STEP_INFO } from "../steps/stepCatalog";

/** What a person can do meanwhile, for a step this version lacks. */
const MEANWHILE: Partial<Record<StepName, string>> = {
  deploy: "Meanwhile, a model tuned elsewhere is called through the gateway like any other once the configuration's models list names it.",
};

/**
 * A step whose screens this version does not have (7): the server's headline says so plainly
 * ("Deployment is not available in this version yet"), then what the step will do. No buttons
 * that pretend.
 */
export function UpcomingStepDetail({ step, headline }: { step: StepName; headline: string }) {
  const meanwhile = MEANWHILE[step];
  return (
    <div className="upcoming" data-testid="upcoming-step">
      <p className="notice tone-muted upcoming-notice">
        <strong>{headline}</strong>
      </p>
      <p>
        <span className="muted">When it comes: </span>
        {STEP_INFO[step].purpose}
      </p>
      {meanwhile && <p className="muted detail-note">{meanwhile}</p>}
    </div>
  );
}
