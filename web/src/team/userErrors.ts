// What a refused change to a user says.
import { ApiError, describeError } from "../api/errors";

export function describeUserChangeError(error: unknown): string {
  // The server refuses to leave itself without an admin (409 last_admin): say what to do first.
  if (error instanceof ApiError && error.code === "last_admin") {
    return "This is the last admin, and Reinforge must keep one. Make someone else an admin first, then try again.";
  }
  return describeError(error);
}
