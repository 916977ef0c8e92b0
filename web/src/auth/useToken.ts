import { useSyncExternalStore } from "react";
import { tokenStore } from "../api/session";

export function useToken(): string | null {
  return useSyncExternalStore(tokenStore.subscribe, tokenStore.get);
}
