// The empty state of every traces list: where to point an OpenAI client so calls become traces.
import { useState } from "react";
import { Link } from "react-router";
import { IfAllowed } from "../auth/IfAllowed";
import { CopyButton } from "../ui/CopyButton";
import { curlSnippet, openAiSdkSnippet } from "./sendTrafficSnippets";
import { gatewayBaseUrl, useGatewayStatus } from "./traceQueries";
import "../styles/traces.css";

export function SendTrafficGuide({ title = "No calls yet" }: { title?: string }) {
  const [flavour, setFlavour] = useState<"curl" | "python">("curl");
  const status = useGatewayStatus();
  const baseUrl = gatewayBaseUrl();
  const model = status.data?.models[0]?.name ?? "gpt-4o-mini";
  const snippet = flavour === "curl" ? curlSnippet(baseUrl, model) : openAiSdkSnippet(baseUrl, model);
  const noProvider = status.data !== undefined && status.data.providers.length === 0;
  return (
    <div className="send-traffic" data-testid="send-traffic">
      <strong className="send-traffic-title">{title}</strong>
      <p className="muted">
        Every call through this server's OpenAI-compatible gateway becomes a trace. Point any OpenAI client at the base URL below with a{" "}
        <Link to="/gateway?tab=keys">gateway key</Link> as its API key.
      </p>
      <div className="send-traffic-url">
        <span className="muted">Base URL</span>
        <code data-testid="gateway-base-url">{baseUrl}</code>
        <CopyButton text={baseUrl} />
      </div>
      {noProvider && (
        <div className="notice tone-warn">No provider is configured yet: set OPENAI_API_KEY before starting the server, or add providers to its config file.</div>
      )}
      <div className="snippet">
        <div className="snippet-head">
          <div className="segmented" role="group" aria-label="Snippet language">
            <button type="button" className={flavour === "curl" ? "segmented-on" : undefined} aria-pressed={flavour === "curl"} onClick={() => setFlavour("curl")}>
              curl
            </button>
            <button type="button" className={flavour === "python" ? "segmented-on" : undefined} aria-pressed={flavour === "python"} onClick={() => setFlavour("python")}>
              OpenAI SDK (Python)
            </button>
          </div>
          <CopyButton text={snippet} />
        </div>
        <pre>{snippet}</pre>
      </div>
      <IfAllowed to="gatewayKeys">
        <div className="send-traffic-actions">
          <Link to="/gateway?tab=keys" className="button button-primary">
            Create a gateway key
          </Link>
        </div>
      </IfAllowed>
    </div>
  );
}
