// The likely causes the server names for a verdict that is not GO, each with example samples.
import type { DryRunDiagnosis } from "../api/gradingTypes";

const TITLES: Record<string, string> = {
  grader_errors: "Grader errors",
  sampling_errors: "Sampling errors",
  scores_too_low: "Scores too low",
  too_few_nonzero: "Too few answers score above 0",
  too_little_spread: "Too little spread",
  too_easy: "Too easy: little left to learn",
  groups_agree: "Samples of a prompt agree",
};

interface DryRunDiagnosesProps {
  diagnoses: DryRunDiagnosis[];
  onOpenSample?: (index: number) => void;
}

export function DryRunDiagnoses({ diagnoses, onOpenSample }: DryRunDiagnosesProps) {
  if (diagnoses.length === 0) return null;
  return (
    <ol className="diagnoses" data-testid="dry-run-diagnoses">
      {diagnoses.map((diagnosis) => (
        <li key={diagnosis.code} className={diagnosis.code.endsWith("errors") ? "diagnosis tone-bad" : "diagnosis tone-warn"} data-code={diagnosis.code}>
          <strong>{TITLES[diagnosis.code] ?? diagnosis.code}</strong>
          <p>{diagnosis.message}</p>
          {diagnosis.examples.length > 0 && onOpenSample && (
            <p className="diagnosis-examples">
              <span className="muted">Examples:</span>
              {diagnosis.examples.map((index) => (
                <button key={index} type="button" className="button button-small" onClick={() => onOpenSample(index)}>
                  sample {index + 1}
                </button>
              ))}
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}
