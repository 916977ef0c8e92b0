// What the UI calls each pipeline step and each status. Labels and icons only: which status a
// step has is always the server's answer.
import type { DatasetStatus, StepName, StepStatus } from "../api/types";

export interface StepInfo {
  number: number;
  title: string;
  shortTitle: string;
  purpose: string;
}

export const STEP_INFO: Record<StepName, StepInfo> = {
  extract: { number: 1, title: "Extract records", shortTitle: "Extract", purpose: "Records from gateway traces or an uploaded JSONL file." },
  topics: { number: 2, title: "Topics & categorization", shortTitle: "Topics & Cat.", purpose: "A topic hierarchy, and a topic with a confidence for every valid record." },
  coverage: { number: 3, title: "Review coverage", shortTitle: "Coverage", purpose: "How the records spread over the topics against their targets; generate records for the gaps." },
  grader: { number: 4, title: "Define grader", shortTitle: "Grader", purpose: "How a model's answer to a record is scored, from 0 to 1." },
  dry_run: { number: 5, title: "Dry run", shortTitle: "Dry run", purpose: "Grades the base model on a sample to tell whether training can work (GO / NO-GO)." },
  train: { number: 6, title: "Train model", shortTitle: "Train", purpose: "Reinforcement fine-tuning with the dataset and its grader." },
  deploy: { number: 7, title: "Deploy", shortTitle: "Deploy", purpose: "Puts the tuned model behind the gateway: replace, new endpoint, or A/B test." },
};

export interface StatusLook {
  label: string;
  icon: string;
  /** Names the CSS tone (colour) the status uses everywhere. */
  tone: "neutral" | "info" | "good" | "warn" | "bad" | "muted";
}

export const STEP_STATUS_LOOK: Record<StepStatus, StatusLook> = {
  waiting: { label: "Waiting", icon: "○", tone: "muted" },
  ready: { label: "Ready", icon: "◇", tone: "neutral" },
  running: { label: "Running", icon: "◔", tone: "info" },
  complete: { label: "Complete", icon: "✓", tone: "good" },
  attention: { label: "Attention", icon: "!", tone: "warn" },
  failed: { label: "Failed", icon: "✕", tone: "bad" },
  skipped: { label: "Skipped", icon: "»", tone: "muted" },
  stale: { label: "Stale", icon: "↻", tone: "warn" },
};

export const DATASET_STATUS_LOOK: Record<DatasetStatus, StatusLook> = {
  ready: { label: "Ready", icon: "✓", tone: "good" },
  running: { label: "Running", icon: "◔", tone: "info" },
  attention: { label: "Attention", icon: "!", tone: "warn" },
  failed: { label: "Failed", icon: "✕", tone: "bad" },
};
