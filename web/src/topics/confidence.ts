// How the UI names and colours the server's bands. Records carry a raw confidence, so the band
// of one record is read here with the thresholds of PRODUCT.md §4 (the same ones the server's
// ?confidence= filter and coverage use: high ≥ 0.85, medium 0.7–0.85, low < 0.7).
import type { BalanceBand, ConfidenceBand } from "../api/topicsTypes";

export const CONFIDENCE_BANDS: ConfidenceBand[] = ["high", "medium", "low"];

export function confidenceBand(confidence: number): ConfidenceBand {
  if (confidence >= 0.85) return "high";
  if (confidence >= 0.7) return "medium";
  return "low";
}

/**
 * A confidence in two decimals, cut rather than rounded: 0.697 is low, and reads "0.69", never
 * "0.70" (the medium band's first value).
 */
export function formatConfidence(confidence: number): string {
  return (Math.floor(confidence * 100 + 1e-9) / 100).toFixed(2);
}

export const CONFIDENCE_LOOK: Record<ConfidenceBand, { label: string; tone: "good" | "info" | "warn"; range: string }> = {
  high: { label: "High", tone: "good", range: "≥ 0.85" },
  medium: { label: "Medium", tone: "info", range: "0.70–0.85" },
  low: { label: "Low", tone: "warn", range: "< 0.70" },
};

export const BALANCE_LOOK: Record<BalanceBand, { label: string; tone: "good" | "warn" | "bad"; meaning: string }> = {
  good: { label: "Good", tone: "good", meaning: "above 0.6" },
  attention: { label: "Attention", tone: "warn", meaning: "0.3–0.6" },
  poor: { label: "Poor", tone: "bad", meaning: "below 0.3: generation recommended" },
};

/** Share of records at low confidence at which step 2 asks for attention (PRODUCT.md §4). */
export const LOW_CONFIDENCE_ATTENTION_SHARE = 0.05;

export const SOURCE_LABEL: Record<string, string> = {
  auto: "Auto-generated",
  template: "From a template",
  manual: "Edited by hand",
  import: "Uploaded",
};
