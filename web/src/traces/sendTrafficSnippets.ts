// What a user pastes to send their first calls through this gateway.
export function curlSnippet(baseUrl: string, model = "gpt-4o-mini"): string {
  return [
    `curl ${baseUrl}/chat/completions \\`,
    `  -H "Authorization: Bearer $REINFORGE_KEY" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -H "x-reinforge-tags: first-try" \\`,
    `  -d '{"model": "${model}", "messages": [{"role": "user", "content": "Hello!"}]}'`,
  ].join("\n");
}

export function openAiSdkSnippet(baseUrl: string, model = "gpt-4o-mini"): string {
  return [
    `import os`,
    `from openai import OpenAI`,
    ``,
    `client = OpenAI(base_url="${baseUrl}", api_key=os.environ["REINFORGE_KEY"])`,
    `reply = client.chat.completions.create(`,
    `    model="${model}",`,
    `    messages=[{"role": "user", "content": "Hello!"}],`,
    `    extra_headers={"x-reinforge-tags": "first-try"},`,
    `)`,
  ].join("\n");
}
