import { lazy, Suspense } from "react";
import type { ScriptGraderConfig } from "../api/gradingTypes";
import { LoadingState } from "../ui/States";
import { childPath } from "./fieldErrors";
import { GraderField } from "./GraderField";
import type { GraderFormProps } from "./graderFormProps";

const ScriptEditor = lazy(() => import("./ScriptEditor"));

function numberOr(text: string, fallback: number): number {
  const value = Number(text);
  return text.trim() === "" || !Number.isFinite(value) ? fallback : value;
}

export function ScriptGraderForm({ config, path, onChange }: GraderFormProps<ScriptGraderConfig>) {
  return (
    <div className="grader-form">
      <GraderField label="grade(input)" path={childPath(path, "source")} hint="JavaScript (ES2020+), sandboxed: no files, network or timers">
        <Suspense fallback={<LoadingState label="Loading the editor…" />}>
          <ScriptEditor initialText={config.source} onChange={(source) => onChange({ ...config, source })} label="Grader script" />
        </Suspense>
      </GraderField>
      <div className="field-row">
        <GraderField label="CPU limit" path={childPath(path, "cpu_ms")} hint="ms per call, up to 10,000">
          <input type="number" min={1} max={10000} value={config.cpu_ms ?? 100} onChange={(event) => onChange({ ...config, cpu_ms: numberOr(event.target.value, 100) })} />
        </GraderField>
        <GraderField label="Memory limit" path={childPath(path, "memory_mb")} hint="MB, up to 1,024">
          <input type="number" min={8} max={1024} value={config.memory_mb ?? 64} onChange={(event) => onChange({ ...config, memory_mb: numberOr(event.target.value, 64) })} />
        </GraderField>
      </div>
    </div>
  );
}
