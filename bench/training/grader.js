// The reward bench's grader: the answer's words against the reference's (a realistic text check
// with partial credit), with a reason.
function grade(input) {
  const words = (s) => String(s).toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  const reference = input.item.reference;
  const want = new Set(words(typeof reference === "string" ? reference : reference.output_text));
  const got = words(input.sample.output_text);
  if (want.size === 0) return { score: 0, reason: "no reference" };
  const shared = got.filter((w) => want.has(w)).length;
  return { score: Math.min(1, shared / want.size), reason: shared + " of " + want.size + " words" };
}
