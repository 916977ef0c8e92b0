// Reading a streamed chat completion (OpenAI's server-sent events) into the answer so far: the
// text, the tool calls assembled from their fragments, the usage of the last chunk, and the end.
// Pure, so every way a stream can be cut into network reads is testable.

export interface ChatToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

export interface ChatUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens?: number;
}

export interface ChatAnswer {
  content: string;
  /** By the index the stream gave each call. */
  toolCalls: ChatToolCall[];
  /** From the last chunk when the request asked for `stream_options.include_usage`. */
  usage: ChatUsage | null;
  finishReason: string | null;
  /** The model that answered, as the chunks name it. */
  model: string | null;
  /** `data: [DONE]` arrived. */
  done: boolean;
  /** An error event in the stream (the upstream failed after the headers were sent). */
  error: string | null;
}

export const EMPTY_CHAT_ANSWER: ChatAnswer = { content: "", toolCalls: [], usage: null, finishReason: null, model: null, done: false, error: null };

/**
 * Splits the stream's text, however it was cut into reads, into the data of each event (the
 * `data:` lines of an event joined by "\n", per the HTML server-sent events spec). Comments
 * (`:` lines) and other fields are skipped. `end()` returns the event the stream ended inside.
 */
export function createSseDataReader() {
  let pending = "";
  let data: string[] = [];

  const dispatch = (events: string[]) => {
    if (data.length > 0) events.push(data.join("\n"));
    data = [];
  };

  const readLines = (text: string, final: boolean): string[] => {
    // A "\r" at the end may be the first half of a "\r\n" the next read completes.
    const keepFrom = !final && text.endsWith("\r") ? text.length - 1 : text.length;
    const lines = text.slice(0, keepFrom).split(/\r\n|\r|\n/);
    pending = (final ? "" : lines.pop() ?? "") + text.slice(keepFrom);
    return lines;
  };

  const handle = (lines: string[], events: string[]) => {
    for (const line of lines) {
      if (line === "") dispatch(events);
      else if (line.startsWith("data:")) data.push(line.slice(line.startsWith("data: ") ? 6 : 5));
      else if (line === "data") data.push("");
    }
  };

  return {
    push(chunk: string): string[] {
      const events: string[] = [];
      handle(readLines(pending + chunk, false), events);
      return events;
    },
    end(): string[] {
      const events: string[] = [];
      if (pending) handle(readLines(pending, true), events);
      dispatch(events);
      return events;
    },
  };
}

interface ToolCallFragment {
  index?: number;
  id?: string;
  type?: string;
  function?: { name?: string; arguments?: string };
}

interface ChatChunk {
  model?: string;
  choices?: { index?: number; delta?: { content?: string | null; tool_calls?: ToolCallFragment[] }; finish_reason?: string | null }[];
  usage?: ChatUsage | null;
  error?: { message?: string } | string;
}

function mergeToolCalls(calls: ChatToolCall[], fragments: ToolCallFragment[]): ChatToolCall[] {
  const merged = [...calls];
  for (const fragment of fragments) {
    const index = fragment.index ?? merged.length;
    const current = merged[index] ?? { id: "", type: "function" as const, function: { name: "", arguments: "" } };
    // The id and the name come whole in a call's first fragment; the arguments arrive in pieces.
    merged[index] = {
      id: current.id || fragment.id || "",
      type: "function",
      function: {
        name: current.function.name || fragment.function?.name || "",
        arguments: current.function.arguments + (fragment.function?.arguments ?? ""),
      },
    };
  }
  // A stream that skipped an index leaves a hole; an empty call stands in so indexes still match.
  return Array.from(merged, (call) => call ?? { id: "", type: "function", function: { name: "", arguments: "" } });
}

/** The answer after one event's data: a chunk, `[DONE]`, or an error event. */
export function applyChatStreamData(answer: ChatAnswer, data: string): ChatAnswer {
  if (data.trim() === "[DONE]") return { ...answer, done: true };
  let chunk: ChatChunk;
  try {
    chunk = JSON.parse(data) as ChatChunk;
  } catch {
    return { ...answer, error: `The stream sent an event that is not JSON: ${data.slice(0, 120)}` };
  }
  if (chunk.error) {
    const message = typeof chunk.error === "string" ? chunk.error : chunk.error.message;
    return { ...answer, error: message || "The upstream reported an error in the stream." };
  }
  let next = { ...answer };
  if (chunk.model) next.model = chunk.model;
  if (chunk.usage) next.usage = chunk.usage;
  const choice = chunk.choices?.find((candidate) => (candidate.index ?? 0) === 0);
  if (choice) {
    if (choice.delta?.content) next.content += choice.delta.content;
    if (choice.delta?.tool_calls?.length) next = { ...next, toolCalls: mergeToolCalls(next.toolCalls, choice.delta.tool_calls) };
    if (choice.finish_reason) next.finishReason = choice.finish_reason;
  }
  return next;
}

/** A whole (not streamed) completion as an answer: some upstreams ignore `stream: true`. */
export function chatAnswerFromCompletion(completion: unknown): ChatAnswer {
  const body = completion as {
    model?: string;
    choices?: { message?: { content?: string | null; tool_calls?: ChatToolCall[] }; finish_reason?: string | null }[];
    usage?: ChatUsage;
  };
  const choice = body.choices?.[0];
  return {
    ...EMPTY_CHAT_ANSWER,
    content: choice?.message?.content ?? "",
    toolCalls: choice?.message?.tool_calls ?? [],
    usage: body.usage ?? null,
    finishReason: choice?.finish_reason ?? null,
    model: body.model ?? null,
    done: true,
  };
}
