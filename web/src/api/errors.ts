// An API failure carries the server's error code and its message for the person, so the UI can
// show what went wrong instead of a bare status.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
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

/** A sentence to show the user for any thrown value. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof TypeError) return "The server could not be reached. Is `reinforge serve` running?";
  if (error instanceof Error) return error.message;
  return "Something went wrong.";
}
