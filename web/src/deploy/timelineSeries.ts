// A deployment's timeline (GET /api/deployments/:id/timeline) as what its chart draws: calls per
// bucket per arm as bars, the online score mean per arm as lines that break where a bucket had
// nothing graded, and the bucket size to ask for as the deployment ages.
import type { DeploymentArmName, DeploymentTimeline } from "../api/deploymentsTypes";

export const TIMELINE_ARMS: readonly DeploymentArmName[] = ["base", "tuned"];

/** Bucket sizes that read well on a time axis, smallest first. */
const BUCKET_LADDER_S = [10, 30, 60, 300, 900, 3600, 6 * 3600, 24 * 3600];
/** About this many buckets across the chart at most. */
const MAX_BUCKETS = 40;

/** The smallest bucket of the ladder that keeps the deployment's age within about 40 buckets. */
export function timelineBucketSeconds(createdAt: string, nowMs: number): number {
  const ageSeconds = Math.max(0, (nowMs - Date.parse(createdAt)) / 1000);
  return BUCKET_LADDER_S.find((seconds) => ageSeconds / seconds <= MAX_BUCKETS) ?? BUCKET_LADDER_S[BUCKET_LADDER_S.length - 1]!;
}

export interface TimelineBucket {
  at: number;
  calls: Record<DeploymentArmName, number>;
  errors: Record<DeploymentArmName, number>;
}

export interface ScorePoint {
  at: number;
  mean: number;
}

export interface TimelineSeries {
  /** Start of the first bucket and end of the last, epoch ms. */
  from: number;
  to: number;
  bucketMs: number;
  buckets: TimelineBucket[];
  maxCalls: number;
  /** Per arm, runs of neighbouring buckets with a score: a line is drawn per run. */
  scoreRuns: Record<DeploymentArmName, ScorePoint[][]>;
  hasScores: boolean;
}

/**
 * `span` widens the time axis to the deployment's life (from its creation to now), so a burst of
 * calls shows where in it they came; the axis still covers every point.
 */
export function timelineSeries(timeline: DeploymentTimeline, span: { from?: number; to?: number } = {}): TimelineSeries {
  const bucketMs = Math.max(1, timeline.bucket_s) * 1000;
  const points = [...timeline.points].sort((a, b) => a.at - b.at);
  const buckets = points.map((point) => ({
    at: point.at,
    calls: { base: point.base?.calls ?? 0, tuned: point.tuned?.calls ?? 0 },
    errors: { base: point.base?.errors ?? 0, tuned: point.tuned?.errors ?? 0 },
  }));
  const scoreRuns = { base: [] as ScorePoint[][], tuned: [] as ScorePoint[][] };
  for (const arm of TIMELINE_ARMS) {
    let run: ScorePoint[] = [];
    let previousAt: number | null = null;
    for (const point of points) {
      const mean = point[arm]?.score_mean;
      // The server may leave out an empty bucket: a jump of more than one bucket breaks the line too.
      const adjacent = previousAt !== null && point.at - previousAt <= bucketMs;
      if (mean === null || mean === undefined || !adjacent) {
        if (run.length > 0) scoreRuns[arm].push(run);
        run = [];
      }
      if (mean !== null && mean !== undefined) run.push({ at: point.at, mean });
      previousAt = point.at;
    }
    if (run.length > 0) scoreRuns[arm].push(run);
  }
  const firstAt = points[0]?.at ?? span.from ?? 0;
  const lastEnd = (points[points.length - 1]?.at ?? firstAt) + bucketMs;
  return {
    from: span.from === undefined ? firstAt : Math.min(firstAt, Math.floor(span.from / bucketMs) * bucketMs),
    to: span.to === undefined ? lastEnd : Math.max(lastEnd, Math.ceil(span.to / bucketMs) * bucketMs),
    bucketMs,
    buckets,
    // The arms' bars stand side by side, so the axis goes up to the taller of the two.
    maxCalls: Math.max(0, ...buckets.map((bucket) => Math.max(bucket.calls.base, bucket.calls.tuned))),
    scoreRuns,
    hasScores: scoreRuns.base.length > 0 || scoreRuns.tuned.length > 0,
  };
}

/** An SVG path through the points in order: "M0 10 L5 4". */
export function linePath(points: readonly (readonly [number, number])[]): string {
  return points.map(([x, y], index) => `${index === 0 ? "M" : "L"}${round(x)} ${round(y)}`).join(" ");
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
