// An API failure carries the server's error code and its message for the person, so the UI can
// show what went wrong instead of a bare status.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** From Retry-After, when the server said how long to wait (429 too_many_attempts). */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** An upload stopped by the person (its AbortSignal), not refused by the server. */
export class UploadCancelledError extends Error {
  constructor() {
    super("Upload cancelled.");
    this.name = "UploadCancelledError";
  }
}

export function isUnauthorized(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}

/**
 * Whether reading again may give another answer: the server unreachable, a 5xx, a timeout or a
 * rate limit may; any other 4xx (a record deleted meanwhile: 404, a refusal) will not, and
 * asking again only keeps a page waiting on it.
 */
export function isWorthRetrying(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  return error.status >= 500 || error.status === 408 || error.status === 429;
}

/** The server's answer when the cookie's session and the page's CSRF token do not belong together. */
export function isCsrfFailure(error: unknown): boolean {
  return error instanceof ApiError && error.status === 403 && error.code === "csrf_failed";
}

/** A sentence to show the user for any thrown value. */
export function describeError(error: unknown): string {
  // The server's forbidden message names the role needed ("… it needs editor."); this one says
  // what to do, which its message cannot know.
  if (isCsrfFailure(error)) return "This page's session is out of date (you signed in again elsewhere?). Reload the page and try again.";
  if (error instanceof ApiError) return error.message;
  if (error instanceof TypeError) return "The server could not be reached. Is `reinforge serve` running?";
  if (error instanceof Error) return error.message;
  return "Something went wrong.";
}
