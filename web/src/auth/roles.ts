// What each role may change: the UI's copy of the server's rules (docs/access.md, "Roles"; the
// server checks every route against src/access/route_rules.cpp). The UI hides what the server
// would refuse, so nobody meets a button that can only fail; the server stays the judge.
import type { Role } from "../api/teamTypes";

export const ROLES: readonly Role[] = ["viewer", "editor", "admin"];

/** The least role that may change each part of the product. Every role may read all of it. */
export const ROLE_NEEDED = {
  /** Create, rename, settings, duplicate, delete, import, pull traces, cancel their jobs. */
  datasets: "editor",
  records: "editor",
  topics: "editor",
  coverage: "editor",
  graders: "editor",
  dryRuns: "editor",
  generation: "editor",
  training: "editor",
  benchmarks: "editor",
  playground: "editor",
  gatewayKeys: "admin",
  deployments: "admin",
  users: "admin",
} as const satisfies Record<string, Role>;

export type Changeable = keyof typeof ROLE_NEEDED;

export function roleRank(role: Role): number {
  return ROLES.indexOf(role);
}

export function mayChange(role: Role, what: Changeable): boolean {
  return roleRank(role) >= roleRank(ROLE_NEEDED[what]);
}

/** "a viewer", "an editor", "an admin". */
export function roleWithArticle(role: Role): string {
  return `${role === "viewer" ? "a" : "an"} ${role}`;
}

/** "Needs the editor role; you are a viewer.": a disabled control's tooltip, a read-only note. */
export function roleNeededHint(role: Role, what: Changeable): string {
  return `Needs the ${ROLE_NEEDED[what]} role; you are ${roleWithArticle(role)}.`;
}

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  viewer: "Reads everything except secrets, and the audit log.",
  editor: "What a viewer may, and changes datasets, records, topics, graders, dry runs, generation, training, benchmarks and the playground.",
  admin: "Everything: users, gateway keys, deployments, and what an editor may.",
};
