// Shapes of the playground (step 7, docs/deployment.md): one conversation streamed to a model
// through the gateway, and the grade of its answer by the dataset's current grader.
import type { ChatToolCall } from "./chatStream";

export interface PlaygroundMessage {
  role: string;
  content: string;
}

/** The OpenAI chat body each side sends, streamed with its usage. */
export interface PlaygroundChatRequest {
  model: string;
  messages: PlaygroundMessage[];
  tools?: unknown[];
  temperature: number;
  max_tokens: number;
  stream: true;
  stream_options: { include_usage: true };
}

/** POST /api/playground/grade. */
export interface PlaygroundGradeRequest {
  dataset_id: number;
  messages: PlaygroundMessage[];
  tools?: unknown[];
  output: { content: string; tool_calls: ChatToolCall[] };
  reference?: string;
}

/** `score` is null when the grader could not score: `reason` (or `error`) says why. */
export interface PlaygroundGrade {
  score: number | null;
  reason: string;
  error: string | null;
  grader_version: string | null;
}
