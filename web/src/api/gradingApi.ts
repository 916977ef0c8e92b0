// The grader (step 4) and the dry run (step 5): /api/datasets/:id/grader…, /dry-run (docs/api.md).
import { ApiError } from "./errors";
import { buildQuery, type Http } from "./http";
import type { Job, Page } from "./types";
import type {
  DryRun,
  DryRunRequest,
  DryRunSample,
  DryRunSampleDetail,
  DryRunSampleQuery,
  GraderConfig,
  GraderTest,
  GraderTestRequest,
  OpenAIGraderExport,
  SavedGrader,
} from "./gradingTypes";

export function gradingEndpoints(http: Http) {
  const { json } = http;
  const base = (id: number) => `/api/datasets/${id}`;
  return {
    getGrader: (id: number) => json<SavedGrader>("GET", `${base(id)}/grader`),
    saveGrader: (id: number, config: GraderConfig) => json<SavedGrader>("PUT", `${base(id)}/grader`, { json: config }),
    /**
     * Grades 5 random records with the saved grader, or with `request.config` unsaved: their
     * reference answers, or with mode base_model fresh samples of that model.
     */
    testGrader: (id: number, request: GraderTestRequest = {}) => json<GraderTest>("POST", `${base(id)}/grader/test`, { json: request }),
    /** The grader in OpenAI's RFT format; an ApiError with code `no_equivalent` (422) when there is none. */
    exportGraderToOpenAI: (id: number) => json<OpenAIGraderExport>("GET", `${base(id)}/grader/openai`),

    startDryRun: (id: number, request: DryRunRequest) => json<Job>("POST", `${base(id)}/dry-run`, { json: request }),
    /** The last finished run, or null before the first. */
    getDryRun: async (id: number): Promise<DryRun | null> => {
      try {
        return await json<DryRun>("GET", `${base(id)}/dry-run`);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404 && error.code === "not_found") return null;
        throw error;
      }
    },
    listDryRunSamples: (id: number, query: DryRunSampleQuery, offset: number, limit: number) =>
      json<Page<DryRunSample>>(
        "GET",
        `${base(id)}/dry-run/samples` + buildQuery({ sort: query.sort, errors: query.errors || undefined, offset, limit }),
      ),
    getDryRunSample: (id: number, index: number) => json<DryRunSampleDetail>("GET", `${base(id)}/dry-run/samples/${index}`),
  };
}
