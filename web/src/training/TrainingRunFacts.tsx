// Where a run came from and how it was set up: the split, the gate as it was, the grader version,
// the dataset revision, the hyperparameters, the backend's job id or the launched command.
import type { ReactNode } from "react";
import type { TrainingRun } from "../api/trainingTypes";
import { formatCount } from "../format/numbers";
import { formatRelativeTime } from "../format/time";
import { formatShare } from "../dryrun/verdictDisplay";
import { gateLook } from "./startGate";
import { formatHyperparameters } from "./trainingDisplay";

export function TrainingRunFacts({ run }: { run: TrainingRun }) {
  const { split, gate } = run;
  const rows: [string, ReactNode][] = [
    [
      "Split",
      `${formatCount(split.train)} train · ${formatCount(split.valid)} valid (${formatShare(split.valid_share)}${split.stratified ? ", stratified by topic" : ""}, seed ${split.seed})`,
    ],
    ["Dry run gate", gate ? `${gateLook(gate).label}${gate.overridden ? " — overridden" : ""}` : "—"],
    ["Grader", <code>{run.grader_version}</code>],
    ["Dataset revision", String(run.dataset_revision)],
    ["Hyperparameters", formatHyperparameters(run.hyperparameters)],
  ];
  if (run.remote_job_id) rows.push(["Backend job", <code>{run.remote_job_id}</code>]);
  if (run.command) rows.push(["Command", <code>{run.command}</code>]);
  rows.push(["Created", <span title={run.created_at}>{formatRelativeTime(run.created_at)}</span>]);
  if (run.finished_at) rows.push(["Finished", <span title={run.finished_at}>{formatRelativeTime(run.finished_at)}</span>]);
  return (
    <dl className="run-facts" data-testid="training-run-facts">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
