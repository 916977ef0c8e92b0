// The reward chart's series from a run's metric points: one row per step with the train and
// validation means reported at that step (a trainer may post them separately; the later value
// at a step wins). Validation is sparse, so a row may hold only one of the two.
import type { TrainingMetricPoint } from "../api/trainingTypes";

export interface RewardRow {
  step: number;
  train: number | null;
  valid: number | null;
}

/**
 * Points in `seq` order. A point without a step belongs to the last step reported before it; a
 * trainer that never reports steps is charted over its points' sequence numbers.
 */
export function rewardSeries(points: readonly TrainingMetricPoint[]): RewardRow[] {
  const rows = new Map<number, RewardRow>();
  let lastStep: number | null = null;
  for (const point of points) {
    const step = point.step ?? lastStep ?? point.seq;
    if (point.step !== null) lastStep = point.step;
    if (point.train_reward_mean === null && point.valid_reward_mean === null) continue;
    const row = rows.get(step) ?? { step, train: null, valid: null };
    if (point.train_reward_mean !== null) row.train = point.train_reward_mean;
    if (point.valid_reward_mean !== null) row.valid = point.valid_reward_mean;
    rows.set(step, row);
  }
  return [...rows.values()].sort((a, b) => a.step - b.step);
}

/** The y range: [0, 1] for graders' scores, widened when a reward falls outside it. */
export function rewardDomain(rows: readonly RewardRow[]): [number, number] {
  let low = 0;
  let high = 1;
  for (const row of rows) {
    for (const value of [row.train, row.valid]) {
      if (value === null) continue;
      low = Math.min(low, value);
      high = Math.max(high, value);
    }
  }
  return [low, high];
}
