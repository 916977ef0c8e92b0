// TanStack Query hooks for team access: personal API tokens, users, the audit log.
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./session";
import type { AuditFilter } from "./teamTypes";

export const AUDIT_PAGE_SIZE = 50;

export const teamKeys = {
  tokens: ["team", "tokens"] as const,
  users: ["team", "users"] as const,
  audit: ["team", "audit"] as const,
  auditPage: (filter: AuditFilter, cursor: string | null) => ["team", "audit", "page", filter, cursor] as const,
  auditActions: ["team", "audit", "actions"] as const,
};

export function useApiTokens() {
  return useQuery({ queryKey: teamKeys.tokens, queryFn: api.listApiTokens });
}

export function useUsers(enabled = true) {
  return useQuery({ queryKey: teamKeys.users, queryFn: api.listUsers, enabled });
}

export function useAuditPage(filter: AuditFilter, cursor: string | null) {
  return useQuery({
    queryKey: teamKeys.auditPage(filter, cursor),
    queryFn: () => api.listAudit(filter, cursor, AUDIT_PAGE_SIZE),
    placeholderData: keepPreviousData,
  });
}

export function useAuditActions() {
  return useQuery({ queryKey: teamKeys.auditActions, queryFn: api.listAuditActions });
}

/** After a change to tokens or users: their lists, and the audit log that recorded it. */
export function useRefreshTeam() {
  const queryClient = useQueryClient();
  return (what: "tokens" | "users") =>
    Promise.all([queryClient.invalidateQueries({ queryKey: teamKeys[what] }), queryClient.invalidateQueries({ queryKey: teamKeys.audit })]);
}
