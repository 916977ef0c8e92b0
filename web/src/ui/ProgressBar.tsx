import { formatProgress } from "../format/numbers";

interface ProgressBarProps {
  /** Share done, in [0, 1]; null when the total is not known yet. */
  value: number | null;
  label: string;
}

export function ProgressBar({ value, label }: ProgressBarProps) {
  const percent = value === null ? undefined : Math.round(Math.max(0, Math.min(1, value)) * 100);
  return (
    <div className="progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
      <div className={value === null ? "progress-fill progress-indeterminate" : "progress-fill"} style={{ width: value === null ? undefined : formatProgress(value) }} />
    </div>
  );
}
