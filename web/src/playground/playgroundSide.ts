// One side of the playground (base or tuned) as it goes: streaming, done with its latency,
// failed with the HTTP status and the upstream's message, or stopped; then its grade.
import type { ChatAnswer } from "../api/chatStream";
import { EMPTY_CHAT_ANSWER } from "../api/chatStream";
import { ApiError, describeError } from "../api/errors";
import type { PlaygroundGrade } from "../api/playgroundTypes";

export type SideName = "base" | "tuned";

export type SidePhase = "idle" | "streaming" | "done" | "failed" | "stopped";

export type GradeState = { phase: "none" } | { phase: "grading" } | { phase: "graded"; grade: PlaygroundGrade } | { phase: "failed"; error: string };

export interface SideState {
  phase: SidePhase;
  answer: ChatAnswer;
  /** "HTTP 404 · The model `x` does not exist"; null unless failed. */
  error: string | null;
  /** From send to the end of the stream, ms; null until it ends. */
  latencyMs: number | null;
  grade: GradeState;
}

export const IDLE_SIDE: SideState = { phase: "idle", answer: EMPTY_CHAT_ANSWER, error: null, latencyMs: null, grade: { phase: "none" } };
export const STREAMING_SIDE: SideState = { ...IDLE_SIDE, phase: "streaming" };

/** What failed, for that side: the HTTP status with the server's (OpenAI's) message, or the stream's own error. */
export function describeSideError(error: unknown): string {
  if (error instanceof ApiError) return `HTTP ${error.status} · ${error.message}`;
  return describeError(error);
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === "AbortError";
}

/** The side once its stream ended: done, or failed when the stream carried an error event. */
export function sideEnded(answer: ChatAnswer, latencyMs: number): SideState {
  if (answer.error) return { ...IDLE_SIDE, phase: "failed", answer, error: answer.error, latencyMs };
  return { ...IDLE_SIDE, phase: "done", answer, latencyMs, grade: { phase: "grading" } };
}

/** The side after a request that threw: stopped by the person (the text so far kept), or failed. */
export function sideThrew(current: SideState, error: unknown): SideState {
  if (isAbort(error)) return { ...current, phase: "stopped", grade: { phase: "none" } };
  return { ...current, phase: "failed", error: describeSideError(error), grade: { phase: "none" } };
}

/** Tokens in / out from the usage the stream ended with; "—" without one. */
export function formatUsage(answer: Pick<ChatAnswer, "usage">): string {
  if (!answer.usage) return "—";
  return `${answer.usage.prompt_tokens.toLocaleString("en-US")} in / ${answer.usage.completion_tokens.toLocaleString("en-US")} out`;
}
