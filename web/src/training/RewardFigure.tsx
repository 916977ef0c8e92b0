// A reward figure: the last mean reported, its change since the start (the server's), and where it started.
import type { RewardTrend } from "../api/trainingTypes";
import { formatReward, formatRewardChange, rewardChangeTone } from "./trainingDisplay";

export function RewardFigure({ label, trend, testId }: { label: string; trend: RewardTrend | null | undefined; testId: string }) {
  const change = formatRewardChange(trend?.change);
  return (
    <div data-testid={testId}>
      <dt>{label}</dt>
      <dd>
        {formatReward(trend?.last)}
        {change && <span className={`reward-change tone-text-${rewardChangeTone(trend?.change)}`}> {change}</span>}
        {trend?.first !== null && trend?.first !== undefined && <span className="muted"> from {formatReward(trend.first)}</span>}
      </dd>
    </div>
  );
}
