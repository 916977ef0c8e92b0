// The app's single API client, bound to the browser's token store.
import { createTokenStore } from "../auth/tokenStore";
import { createClient } from "./client";

export const tokenStore = createTokenStore(window.localStorage);

export const api = createClient({
  getToken: tokenStore.get,
  onUnauthorized: tokenStore.clear,
});
