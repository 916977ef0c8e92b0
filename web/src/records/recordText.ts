// A record is stored as one JSONL line; the editor shows it indented. These convert between the
// two without judging the record (the server's verdict does that).

/** Indented JSON for reading and editing, or the raw line when it is not JSON. */
export function toEditorText(line: string): string {
  try {
    return JSON.stringify(JSON.parse(line), null, 2);
  } catch {
    return line;
  }
}

/** One line again: JSON is compacted; text that is not JSON is sent as typed for the server to judge. */
export function toRecordLine(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text;
  }
}
