// The playground (step 7): a chat streamed through the gateway on this origin with the page's
// session (its cookie and CSRF token stand in for a gateway key there), and the grade of an answer
// (docs/deployment.md, "Playground").
import { applyChatStreamData, chatAnswerFromCompletion, createSseDataReader, EMPTY_CHAT_ANSWER, type ChatAnswer } from "./chatStream";
import type { Http } from "./http";
import type { PlaygroundChatRequest, PlaygroundGrade, PlaygroundGradeRequest } from "./playgroundTypes";

/** Only an editor's or admin's session (or the admin token) may send these: the deployments' routes are not applied, and the model goes as named to that provider. */
export const ROUTE_HEADER = "x-reinforge-route";
export const PROVIDER_HEADER = "x-reinforge-provider";

export interface ChatStreamOptions {
  /** A provider of the gateway's config to send the model to as named; the gateway resolves the model when absent. */
  provider?: string;
  signal?: AbortSignal;
  /** The answer so far, after each read. */
  onUpdate: (answer: ChatAnswer) => void;
}

export function playgroundEndpoints(http: Http) {
  return {
    /**
     * Streams one chat completion and resolves with the whole answer. A refusal before the
     * stream (HTTP status) rejects with an ApiError carrying the OpenAI error's message; an
     * abort rejects with the signal's AbortError.
     */
    streamChat: async (request: PlaygroundChatRequest, options: ChatStreamOptions): Promise<ChatAnswer> => {
      const headers: Record<string, string> = { [ROUTE_HEADER]: "direct" };
      if (options.provider) headers[PROVIDER_HEADER] = options.provider;
      const response = await http.send("POST", "/v1/chat/completions", { json: request, headers, signal: options.signal });
      if (!response.body || !response.headers.get("Content-Type")?.includes("text/event-stream")) {
        const answer = chatAnswerFromCompletion(await response.json());
        options.onUpdate(answer);
        return answer;
      }
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      const events = createSseDataReader();
      let answer = EMPTY_CHAT_ANSWER;
      for (;;) {
        const { done, value } = await reader.read();
        const text = done ? decoder.decode() : decoder.decode(value, { stream: true });
        const datas = [...events.push(text), ...(done ? events.end() : [])];
        if (datas.length > 0) {
          answer = datas.reduce(applyChatStreamData, answer);
          options.onUpdate(answer);
        }
        if (done || answer.done || answer.error) break;
      }
      // The server may keep the connection open a moment after [DONE]: the answer is complete.
      void reader.cancel().catch(() => undefined);
      return answer;
    },
    /** The dataset's current grader on one answer. */
    gradePlaygroundOutput: (request: PlaygroundGradeRequest) => http.json<PlaygroundGrade>("POST", "/api/playground/grade", { json: request }),
  };
}
