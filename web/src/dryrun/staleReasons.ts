// Why the server marked the last dry run stale, in words: the grader or the data changed since.
// The stale status is the server's; this only names what differs.
export function staleReasons(run: { dataset_revision: number; report: { grader_version: string } }, current: { revision: number; graderVersion: string | null }): string[] {
  const reasons: string[] = [];
  if (current.graderVersion !== null && current.graderVersion !== run.report.grader_version) {
    reasons.push(`the grader changed (run with ${run.report.grader_version}, now ${current.graderVersion})`);
  }
  if (current.revision !== run.dataset_revision) reasons.push("the records changed");
  return reasons;
}
