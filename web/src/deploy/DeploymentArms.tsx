// A deployment's arms as the gateway served them: calls, error rate, p50/p95 latency, tokens;
// and, when it is graded online, each arm's score with its 95% interval and how many were graded.
import type { DeploymentArm, DeploymentArmName, DeploymentDetail } from "../api/deploymentsTypes";
import { formatCount, formatPercent } from "../format/numbers";
import { formatInterval, formatScore } from "../format/scores";
import { formatLatency } from "./deployDisplay";

const ARMS: [DeploymentArmName, string][] = [
  ["base", "Base"],
  ["tuned", "Tuned"],
];

export function DeploymentArms({ arms }: { arms: DeploymentDetail["arms"] }) {
  const rows = ARMS.filter(([name]) => arms[name]).map(([name, label]) => [name, label, arms[name]!] as const);
  if (rows.length === 0) return <p className="muted detail-note">No call served yet: the figures appear as the gateway serves calls.</p>;
  const scored = rows.some(([, , arm]) => arm.score);
  return (
    <table className="table deployment-arms" data-testid="deployment-arms">
      <thead>
        <tr>
          <th>Arm</th>
          <th className="numeric">Calls</th>
          <th className="numeric">Error rate</th>
          <th className="numeric">p50</th>
          <th className="numeric">p95</th>
          <th className="numeric">Tokens in / out</th>
          {scored && <th className="numeric">Online score</th>}
          {scored && <th className="numeric">Graded</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map(([name, label, arm]) => (
          <ArmRow key={name} name={name} label={label} arm={arm} scored={scored} />
        ))}
      </tbody>
    </table>
  );
}

function ArmRow({ name, label, arm, scored }: { name: DeploymentArmName; label: string; arm: DeploymentArm; scored: boolean }) {
  return (
    <tr data-arm={name}>
      <td>{label}</td>
      <td className="numeric">{formatCount(arm.calls)}</td>
      <td className="numeric" title={`${formatCount(arm.errors)} errors`}>
        {formatPercent(arm.error_rate * 100)}
      </td>
      <td className="numeric">{formatLatency(arm.latency_ms.p50)}</td>
      <td className="numeric">{formatLatency(arm.latency_ms.p95)}</td>
      <td className="numeric">
        {formatCount(arm.prompt_tokens)} / {formatCount(arm.completion_tokens)}
      </td>
      {scored && (
        <td className="numeric arm-score" data-testid="arm-score">
          <strong>{formatScore(arm.score?.mean)}</strong> <span className="muted">{formatInterval(arm.score?.ci)}</span>
        </td>
      )}
      {scored && (
        <td className="numeric" data-testid="arm-graded" title={arm.score && arm.score.errors > 0 ? `${formatCount(arm.score.errors)} grader errors` : undefined}>
          {formatCount(arm.score?.graded ?? 0)}
          {arm.score && arm.score.errors > 0 && <span className="tone-text-bad"> ({formatCount(arm.score.errors)} errors)</span>}
        </td>
      )}
    </tr>
  );
}
