// Deployments (step 7): /api/deployments… (docs/deployment.md).
import { buildQuery, type Http } from "./http";
import type { Deployment, DeploymentDetail, DeploymentPatch, DeploymentState, DeploymentTimeline, DeployRequest } from "./deploymentsTypes";

export function deploymentsEndpoints(http: Http) {
  const { json } = http;
  const one = (id: number) => `/api/deployments/${id}`;
  return {
    /** Refusals are ApiErrors: 400 naming the field (`bad_request`, `unknown_model`, `unknown_provider`), 409 `conflict`. */
    createDeployment: (request: DeployRequest) => json<Deployment>("POST", "/api/deployments", { json: request }),
    /** Newest first; every deployment of the gateway, whatever its dataset. */
    listDeployments: (state?: DeploymentState) => json<{ items: Deployment[] }>("GET", "/api/deployments" + buildQuery({ state })),
    /** With each arm's figures from its traces, its online scores and the comparison of the arms. */
    getDeployment: (id: number) => json<DeploymentDetail>("GET", one(id)),
    /** Online scoring's share and the guard, while it is active; 400 naming the field, 409 when it ended. */
    updateDeployment: (id: number, patch: DeploymentPatch) => json<Deployment>("PATCH", one(id), { json: patch }),
    /** Calls, errors and online scores per arm per bucket of `bucketSeconds`, in time order. */
    getDeploymentTimeline: (id: number, bucketSeconds: number) =>
      json<DeploymentTimeline>("GET", `${one(id)}/timeline` + buildQuery({ bucket_s: bucketSeconds })),
    rollBackDeployment: (id: number) => json<Deployment>("POST", `${one(id)}/rollback`),
    /** An A/B deployment becomes a replacement. */
    promoteDeployment: (id: number) => json<Deployment>("POST", `${one(id)}/promote`),
  };
}
