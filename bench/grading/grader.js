// The grader both engines run: a realistic intent check (normalise, compare, partial credit for
// the right domain prefix), with a reason.
function grade(input) {
  const norm = (s) => String(s).trim().toLowerCase().replace(/[^a-z0-9_]+/g, "_");
  const got = norm(input.sample.output_text);
  const want = norm(input.item.intent);
  if (got === want) return { score: 1, reason: "exact intent" };
  const words = new Set(want.split("_"));
  const shared = got.split("_").filter((w) => words.has(w)).length;
  return { score: Math.min(0.5, shared / (2 * words.size)), reason: "partial: " + shared + " words" };
}
