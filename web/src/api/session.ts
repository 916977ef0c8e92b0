// The app's single API client, bound to the browser's session store.
import { createSessionStore } from "../auth/sessionStore";
import { createClient } from "./client";

export const sessionStore = createSessionStore();

export const api = createClient({
  getCsrfToken: sessionStore.csrfToken,
  onUnauthorized: sessionStore.expired,
  // The cookie now belongs to another session (signed in again in another tab): its token is the one to send.
  onCsrfFailed: async () => sessionStore.signedIn(await api.getSession()),
  // The role may have changed since the page asked: show what it allows now.
  onForbidden: () => {
    api.getSession().then(sessionStore.signedIn, () => undefined);
  },
});
