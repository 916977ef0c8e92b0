// The job kinds that write topics or assignments (docs/api.md "Topics").
import type { Job } from "../api/types";

export const TOPIC_JOB_KINDS = ["discover_topics", "categorize", "split_topic"] as const;

export function isTopicJob(job: Job | null | undefined): job is Job {
  return !!job && (TOPIC_JOB_KINDS as readonly string[]).includes(job.kind);
}
