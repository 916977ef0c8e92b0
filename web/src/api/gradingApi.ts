// The grader (step 4) and the dry run (step 5): /api/datasets/:id/grader…, /dry-run (docs/api.md).
import type { Http } from "./http";

export function gradingEndpoints(http: Http) {
  void http;
  return {};
}
