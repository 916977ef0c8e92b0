import type { StepName, StepStatus } from "../api/types";
import { STEP_INFO } from "../steps/stepCatalog";

/** Steps 2–7 before their server side exists: what the step will do, and no buttons that pretend. */
export function UpcomingStepDetail({ step, status }: { step: StepName; status: StepStatus }) {
  return (
    <div className="upcoming">
      <p>{STEP_INFO[step].purpose}</p>
      {status === "waiting" && <p className="muted detail-note">Nothing to do here yet: this step opens when the steps before it are done and its tools are available on this server.</p>}
    </div>
  );
}
