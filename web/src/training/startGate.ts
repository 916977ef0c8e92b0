// What the start dialog offers once the server has answered the preflight: the CAUTION
// confirmation, the override of a refused gate, and whether Start can be pressed. The verdicts
// and whether a run is allowed are the server's; this only decides which control to show.
import type { TrainingPreflight } from "../api/trainingTypes";
import { VERDICT_LOOK } from "../dryrun/verdictDisplay";
import type { StatusLook } from "../steps/stepCatalog";

export interface GateChoices {
  /** Show "train anyway" for a CAUTION dry run. */
  confirm: boolean;
  /** Show the override of a NO-GO, stale or missing dry run. */
  override: boolean;
  canStart: boolean;
}

export function gateChoices(preflight: TrainingPreflight, chosen: { confirmCaution: boolean; overrideGate: boolean }): GateChoices {
  const { gate } = preflight;
  // A NO-GO, stale or missing dry run is what an override is for; not a missing grader, no valid
  // records or a grader the backend cannot use (the server's refusal code says which, when it is given).
  const otherRefusal = !preflight.grader.ok || (preflight.code != null && preflight.code !== "gate_refused" && preflight.code !== "gate_caution");
  const gateRefused = gate.verdict === null || gate.verdict === "NO-GO" || gate.stale;
  return {
    confirm: !otherRefusal && (preflight.needs_confirmation || chosen.confirmCaution),
    override: !otherRefusal && gateRefused && (!preflight.allowed || chosen.overrideGate),
    canStart: preflight.grader.ok && preflight.allowed && (!preflight.needs_confirmation || chosen.confirmCaution),
  };
}

/** The gate's badge: the dry run's verdict, "stale" beside it, or "No dry run". */
export function gateLook(gate: TrainingPreflight["gate"]): StatusLook {
  if (gate.verdict === null) return { label: "No dry run", icon: "✕", tone: "bad" };
  const look = VERDICT_LOOK[gate.verdict];
  return gate.stale ? { label: `${look.label} · stale`, icon: "↻", tone: gate.verdict === "NO-GO" ? "bad" : "warn" } : look;
}
