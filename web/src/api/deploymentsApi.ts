// Deployments (step 7): /api/deployments… (docs/deployment.md).
import { buildQuery, type Http } from "./http";
import type { Deployment, DeploymentDetail, DeploymentState, DeployRequest } from "./deploymentsTypes";

export function deploymentsEndpoints(http: Http) {
  const { json } = http;
  const one = (id: number) => `/api/deployments/${id}`;
  return {
    /** Refusals are ApiErrors: 400 naming the field (`bad_request`, `unknown_model`, `unknown_provider`), 409 `conflict`. */
    createDeployment: (request: DeployRequest) => json<Deployment>("POST", "/api/deployments", { json: request }),
    /** Newest first; every deployment of the gateway, whatever its dataset. */
    listDeployments: (state?: DeploymentState) => json<{ items: Deployment[] }>("GET", "/api/deployments" + buildQuery({ state })),
    /** With each arm's figures from its traces. */
    getDeployment: (id: number) => json<DeploymentDetail>("GET", one(id)),
    rollBackDeployment: (id: number) => json<Deployment>("POST", `${one(id)}/rollback`),
    /** An A/B deployment becomes a replacement. */
    promoteDeployment: (id: number) => json<Deployment>("POST", `${one(id)}/promote`),
  };
}
