// A deployment over time, drawn in SVG without a chart library: calls per bucket per arm as bars
// side by side, and under them each arm's online score mean as a line (0 to 1).
import type { DeploymentArmName } from "../api/deploymentsTypes";
import { formatCount } from "../format/numbers";
import { useElementWidth } from "../ui/useElementWidth";
import { linePath, TIMELINE_ARMS, type TimelineSeries } from "./timelineSeries";

const HEIGHT = 212;
const LEFT = 40;
const RIGHT = 10;
const CALLS = { top: 10, height: 92 };
const SCORES = { top: 124, height: 62 };
const AXIS_Y = 204;
const ARM_LABEL: Record<DeploymentArmName, string> = { base: "Base", tuned: "Tuned" };

/** The local time of day; with seconds on an axis of minutes, where "10:04" twice would say nothing. */
function clock(ms: number, withSeconds = true): string {
  return new Date(ms).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", second: withSeconds ? "2-digit" : undefined, hour12: false });
}

function describeBucket(bucketMs: number): string {
  const seconds = bucketMs / 1000;
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${seconds / 60} min`;
  return `${seconds / 3600} h`;
}

export function DeploymentTimelineChart({ series }: { series: TimelineSeries }) {
  const [ref, width] = useElementWidth<HTMLDivElement>(640);
  const plotWidth = Math.max(1, width - LEFT - RIGHT);
  const span = Math.max(1, series.to - series.from);
  const x = (at: number) => LEFT + ((at - series.from) / span) * plotWidth;
  const bucketWidth = (series.bucketMs / span) * plotWidth;
  const barWidth = Math.max(1.5, Math.min(18, bucketWidth * 0.38));
  const callsTop = Math.max(1, series.maxCalls);
  const callsY = (calls: number) => CALLS.top + CALLS.height - (calls / callsTop) * CALLS.height;
  const scoreY = (mean: number) => SCORES.top + SCORES.height - Math.max(0, Math.min(1, mean)) * SCORES.height;
  const axisSeconds = span < 30 * 60_000;
  const description = `Calls per ${describeBucket(series.bucketMs)} for each arm, up to ${series.maxCalls}; online score means per arm.`;

  return (
    <div ref={ref} className="timeline-chart" data-testid="deployment-timeline">
      <ul className="timeline-legend">
        {TIMELINE_ARMS.map((arm) => (
          <li key={arm}>
            <span className={`timeline-swatch timeline-${arm}`} aria-hidden="true" />
            {ARM_LABEL[arm]}
          </li>
        ))}
        <li className="muted">bars: calls per {describeBucket(series.bucketMs)} · lines: online score mean</li>
      </ul>
      <svg width={width} height={HEIGHT} viewBox={`0 0 ${width} ${HEIGHT}`} role="img" aria-label={description}>
        <g className="timeline-grid">
          <line x1={LEFT} x2={LEFT + plotWidth} y1={CALLS.top} y2={CALLS.top} />
          <line x1={LEFT} x2={LEFT + plotWidth} y1={CALLS.top + CALLS.height} y2={CALLS.top + CALLS.height} className="timeline-baseline" />
          {[0, 0.5, 1].map((mean) => (
            <line key={mean} x1={LEFT} x2={LEFT + plotWidth} y1={scoreY(mean)} y2={scoreY(mean)} className={mean === 0 ? "timeline-baseline" : undefined} />
          ))}
        </g>
        <g className="timeline-axis">
          <text x={LEFT - 6} y={CALLS.top + 4} textAnchor="end">
            {formatCount(series.maxCalls)}
          </text>
          <text x={LEFT - 6} y={CALLS.top + CALLS.height + 4} textAnchor="end">
            0
          </text>
          {[0, 0.5, 1].map((mean) => (
            <text key={mean} x={LEFT - 6} y={scoreY(mean) + 4} textAnchor="end">
              {mean === 0.5 ? "0.5" : mean}
            </text>
          ))}
          <text x={LEFT} y={AXIS_Y} textAnchor="start">
            {clock(series.from, axisSeconds)}
          </text>
          <text x={LEFT + plotWidth / 2} y={AXIS_Y} textAnchor="middle">
            {clock(series.from + span / 2, axisSeconds)}
          </text>
          <text x={LEFT + plotWidth} y={AXIS_Y} textAnchor="end">
            {clock(series.to, axisSeconds)}
          </text>
        </g>
        <g className="timeline-bars">
          {series.buckets.map((bucket) => {
            const center = x(bucket.at) + bucketWidth / 2;
            return TIMELINE_ARMS.map((arm, index) => {
              const calls = bucket.calls[arm];
              if (calls === 0) return null;
              const top = callsY(calls);
              return (
                <rect key={`${bucket.at}-${arm}`} className={`timeline-${arm}`} x={center - barWidth + index * barWidth} y={top} width={barWidth - 1} height={CALLS.top + CALLS.height - top}>
                  <title>{`${ARM_LABEL[arm]} ${clock(bucket.at)}: ${formatCount(calls)} calls, ${formatCount(bucket.errors[arm])} errors`}</title>
                </rect>
              );
            });
          })}
        </g>
        <g className="timeline-scores">
          {TIMELINE_ARMS.flatMap((arm) =>
            series.scoreRuns[arm].map((run) => {
              const points = run.map((point) => [x(point.at) + bucketWidth / 2, scoreY(point.mean)] as const);
              return (
                <g key={`${arm}-${run[0]!.at}`} className={`timeline-${arm}`}>
                  <path d={linePath(points)} fill="none" />
                  {points.map(([cx, cy], index) => (
                    <circle key={index} cx={cx} cy={cy} r={2.5}>
                      <title>{`${ARM_LABEL[arm]} ${clock(run[index]!.at)}: mean ${run[index]!.mean.toFixed(2)}`}</title>
                    </circle>
                  ))}
                </g>
              );
            }),
          )}
          {!series.hasScores && (
            <text className="timeline-empty" x={LEFT + plotWidth / 2} y={SCORES.top + SCORES.height / 2 + 4} textAnchor="middle">
              No graded calls yet
            </text>
          )}
        </g>
      </svg>
    </div>
  );
}
