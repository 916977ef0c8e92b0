// Topics (step 2) and coverage (step 3): /api/topic-templates, /api/datasets/:id/topics…, /coverage… (docs/api.md).
import type { Http } from "./http";

export function topicsEndpoints(http: Http) {
  void http;
  return {};
}
