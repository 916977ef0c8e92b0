// The server refuses a grader with a message that names the field at fault
// ("The grader is not valid: grader.graders[1].weight: must be a positive number"). The editor
// shows it at that field; these turn the message into a field path the forms use.

export interface FieldError {
  /** Path inside the config, as the forms name fields: "source", "graders[1].grader.pattern"; "" for the whole grader. */
  path: string;
  message: string;
}

const PREFIX = "The grader is not valid: ";

/** The field a grader 400 names, or null when the message names none. */
export function fieldErrorFrom(serverMessage: string): FieldError | null {
  if (!serverMessage.startsWith(PREFIX)) return null;
  const rest = serverMessage.slice(PREFIX.length);
  const match = /^((?:grader|provider)(?:\.[A-Za-z_]+|\[\d+\])*): ([\s\S]*)$/.exec(rest);
  if (!match) return { path: "", message: rest };
  const [, where = "", message = ""] = match;
  // The provider block is checked on its own, so its path starts at "provider".
  let path = where === "grader" ? "" : where.startsWith("grader.") ? where.slice("grader.".length) : where;
  // "grader: needs \"model\"" names the missing field in the message.
  const missing = /^needs "([A-Za-z_]+)"/.exec(message);
  if (missing) path = path ? `${path}.${missing[1]}` : missing[1]!;
  return { path, message };
}

/** A field's path under a parent's: child("graders[1].grader", "pattern"). */
export function childPath(parent: string, field: string): string {
  if (!parent) return field;
  return field.startsWith("[") ? parent + field : `${parent}.${field}`;
}
