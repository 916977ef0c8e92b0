import { describe, expect, it } from "vitest";
import type { TrainingPreflight } from "../api/trainingTypes";
import { gateChoices, gateLook } from "./startGate";

function preflight(changes: Partial<TrainingPreflight> = {}): TrainingPreflight {
  return {
    allowed: true,
    needs_confirmation: false,
    message: "",
    gate: { verdict: "GO", stale: false },
    split: { train: 270, valid: 30 },
    grader: { ok: true, notes: [] },
    hyperparameters: {},
    ...changes,
  };
}
const none = { confirmCaution: false, overrideGate: false };

describe("the start dialog's gate", () => {
  it("starts a GO run with nothing to confirm", () => {
    expect(gateChoices(preflight(), none)).toEqual({ confirm: false, override: false, canStart: true });
  });

  it("asks to confirm a CAUTION run, and keeps the box once ticked", () => {
    const caution = preflight({ needs_confirmation: true, allowed: true, gate: { verdict: "CAUTION", stale: false } });
    expect(gateChoices(caution, none)).toEqual({ confirm: true, override: false, canStart: false });
    expect(gateChoices(caution, { ...none, confirmCaution: true })).toMatchObject({ confirm: true, canStart: true });
    // The server may no longer say it needs confirmation once the request carries it.
    expect(gateChoices({ ...caution, needs_confirmation: false }, { ...none, confirmCaution: true })).toMatchObject({ confirm: true, canStart: true });
  });

  it("offers an override for NO-GO, a stale dry run or none, and starts once the server allows it", () => {
    for (const gate of [
      { verdict: "NO-GO" as const, stale: false },
      { verdict: "GO" as const, stale: true },
      { verdict: null, stale: false },
    ]) {
      expect(gateChoices(preflight({ allowed: false, gate }), none)).toEqual({ confirm: false, override: true, canStart: false });
      expect(gateChoices(preflight({ allowed: true, gate }), { ...none, overrideGate: true })).toEqual({ confirm: false, override: true, canStart: true });
    }
  });

  it("offers no override when the refusal is not the gate's (no grader, no valid records)", () => {
    expect(gateChoices(preflight({ allowed: false }), none)).toEqual({ confirm: false, override: false, canStart: false });
    const noGrader = preflight({ allowed: false, code: "no_grader", gate: { verdict: null, stale: false } });
    expect(gateChoices(noGrader, none)).toEqual({ confirm: false, override: false, canStart: false });
    expect(gateChoices({ ...noGrader, code: "gate_refused" }, none)).toMatchObject({ override: true });
  });

  it("cannot start, nor override, with a grader the backend cannot use", () => {
    const script = preflight({ allowed: false, grader: { ok: false, error: "A script grader has no OpenAI equivalent." }, gate: { verdict: "NO-GO", stale: false } });
    expect(gateChoices(script, { confirmCaution: true, overrideGate: true })).toEqual({ confirm: false, override: false, canStart: false });
  });

  it("labels the gate with the verdict, stale beside it, or no dry run", () => {
    expect(gateLook({ verdict: "GO", stale: false })).toMatchObject({ label: "GO", tone: "good" });
    expect(gateLook({ verdict: "GO", stale: true })).toMatchObject({ label: "GO · stale", tone: "warn" });
    expect(gateLook({ verdict: "NO-GO", stale: true })).toMatchObject({ tone: "bad" });
    expect(gateLook({ verdict: null, stale: false })).toMatchObject({ label: "No dry run", tone: "bad" });
  });
});
