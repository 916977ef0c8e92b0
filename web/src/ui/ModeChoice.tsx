import { useId } from "react";

/** One option: its value, its name and a short hint after a dash. */
export type ModeOption<Mode extends string> = [mode: Mode, label: string, hint: string];

interface ModeChoiceProps<Mode extends string> {
  legend: string;
  options: ModeOption<Mode>[];
  value: Mode;
  onChange: (mode: Mode) => void;
}

/** Radio cards for what a run grades (the dry run's and the test sample's choice). */
export function ModeChoice<Mode extends string>({ legend, options, value, onChange }: ModeChoiceProps<Mode>) {
  const name = useId();
  return (
    <fieldset className="mode-choice">
      <legend>{legend}</legend>
      {options.map(([mode, label, hint]) => (
        <label key={mode} className={value === mode ? "mode-option mode-option-active" : "mode-option"}>
          <input type="radio" name={name} value={mode} checked={value === mode} onChange={() => onChange(mode)} />
          <span>
            <strong>{label}</strong>
            <span className="muted"> — {hint}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
