/** A dataset name from an uploaded file's name: "chess_tutor-v2.jsonl" → "chess_tutor-v2". */
export function suggestName(filename: string): string {
  return filename.replace(/\.(jsonl|ndjson|json|txt)$/i, "").trim().slice(0, 200);
}
