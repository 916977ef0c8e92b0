// An A/B test compared as traffic comes in: online scoring's state, the score and error-rate
// differences in plain words, and the guard's state.
import type { DeploymentDetail } from "../api/deploymentsTypes";
import { describeErrorRateComparison, describeGuard, describeOnlineScoring, describeScoreComparison, type Reading } from "./onlineScoreDisplay";

function Line({ reading, testId }: { reading: Reading | null; testId: string }) {
  if (!reading) return null;
  return (
    <li className={`tone-text-${reading.tone === "muted" ? "neutral" : reading.tone}`} data-testid={testId} data-tone={reading.tone}>
      {reading.text}
    </li>
  );
}

export function OnlineComparison({ deployment }: { deployment: DeploymentDetail }) {
  const scoring = describeOnlineScoring(deployment.online_scoring);
  const grading = deployment.online_scoring && deployment.online_scoring.share > 0 && deployment.online_scoring.eligible !== false;
  return (
    <ul className="online-comparison" data-testid="online-comparison">
      <Line reading={scoring} testId="online-scoring-state" />
      {grading && <Line reading={describeScoreComparison(deployment.comparison?.score)} testId="score-comparison" />}
      <Line reading={describeErrorRateComparison(deployment.comparison?.error_rate)} testId="error-rate-comparison" />
      <Line reading={describeGuard(deployment.guard, deployment.arms)} testId="guard-state" />
    </ul>
  );
}
