// For the endpoint tests: an API client whose fetch answers every call with one status and body,
// and keeps each call's URL and init so a test can check what was sent.
import { vi } from "vitest";
import { createClient } from "./client";

export function serverAnswering(status: number, body: unknown) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetchImpl = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), init: init ?? {} });
    return new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
  });
  return { calls, client: createClient({ getCsrfToken: () => "csrf-1", fetchImpl: fetchImpl as unknown as typeof fetch }) };
}
