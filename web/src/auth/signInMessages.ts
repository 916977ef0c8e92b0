// What the sign-in form says when the server refuses (docs/access.md, "Signing in").
import { ApiError, describeError } from "../api/errors";

/** "40 seconds", "15 minutes", "2 hours": a wait, rounded up, in the largest unit that reads well. */
export function formatWait(seconds: number): string {
  const unit = (count: number, name: string) => `${count} ${name}${count === 1 ? "" : "s"}`;
  if (seconds < 60) return unit(Math.max(1, Math.ceil(seconds)), "second");
  if (seconds < 3600) return unit(Math.ceil(seconds / 60), "minute");
  return unit(Math.ceil(seconds / 3600), "hour");
}

export function signInErrorMessage(error: unknown): string {
  if (error instanceof ApiError && error.status === 401) return "Wrong name or password.";
  if (error instanceof ApiError && error.status === 429) {
    const wait = error.retryAfterSeconds === null ? "later" : `in ${formatWait(error.retryAfterSeconds)}`;
    return `Too many failed sign-ins. Try again ${wait}.`;
  }
  return describeError(error);
}
