// /gateway: the calls that went through the gateway, their figures, its deployments, its
// providers and its keys.
import { useSearchParams } from "react-router";
import { CopyButton } from "../ui/CopyButton";
import { gatewayBaseUrl } from "../traces/traceQueries";
import { DeploymentsPanel } from "./DeploymentsPanel";
import { GatewayKeysPanel } from "./GatewayKeysPanel";
import { ProvidersPanel } from "./ProvidersPanel";
import { TracesExplorer } from "./TracesExplorer";
import { UsagePanel } from "./UsagePanel";
import "../styles/traces.css";

const TABS = [
  { id: "traces", label: "Traces" },
  { id: "usage", label: "Usage" },
  { id: "deployments", label: "Deployments" },
  { id: "providers", label: "Providers & models" },
  { id: "keys", label: "Gateway keys" },
] as const;
type Tab = (typeof TABS)[number]["id"];

export function GatewayPage() {
  const [params, setParams] = useSearchParams();
  const asked = params.get("tab");
  const tab: Tab = TABS.some((candidate) => candidate.id === asked) ? (asked as Tab) : "traces";
  const baseUrl = gatewayBaseUrl();
  return (
    <main className="page">
      <div className="page-header">
        <div>
          <h1>Gateway</h1>
          <p className="muted">Every call through the OpenAI-compatible endpoint becomes a trace you can inspect and turn into a dataset.</p>
        </div>
        <div className="gateway-url">
          <span className="muted">Base URL</span>
          <code>{baseUrl}</code>
          <CopyButton text={baseUrl} />
        </div>
      </div>
      <div className="tabs" role="tablist" aria-label="Gateway sections">
        {TABS.map((candidate) => (
          <button
            key={candidate.id}
            type="button"
            role="tab"
            className={candidate.id === tab ? "tab tab-active" : "tab"}
            aria-selected={candidate.id === tab}
            onClick={() => setParams({ tab: candidate.id }, { replace: true })}
          >
            {candidate.label}
          </button>
        ))}
      </div>
      <section role="tabpanel" aria-label={TABS.find((candidate) => candidate.id === tab)?.label}>
        {tab === "traces" && <TracesExplorer />}
        {tab === "usage" && <UsagePanel />}
        {tab === "deployments" && <DeploymentsPanel />}
        {tab === "providers" && <ProvidersPanel />}
        {tab === "keys" && <GatewayKeysPanel />}
      </section>
    </main>
  );
}
