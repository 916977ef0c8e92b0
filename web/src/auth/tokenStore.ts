// The admin token lives in localStorage so a reload keeps you signed in; components subscribe
// to it so a 401 anywhere sends the whole app back to the sign-in page.
const STORAGE_KEY = "reinforge.adminToken";

type Listener = () => void;

export interface TokenStore {
  get: () => string | null;
  set: (token: string) => void;
  clear: () => void;
  subscribe: (listener: Listener) => () => void;
}

export function createTokenStore(storage: Pick<Storage, "getItem" | "setItem" | "removeItem">): TokenStore {
  const listeners = new Set<Listener>();
  const notify = () => listeners.forEach((listener) => listener());
  return {
    get: () => storage.getItem(STORAGE_KEY),
    set: (token) => {
      storage.setItem(STORAGE_KEY, token);
      notify();
    },
    clear: () => {
      if (storage.getItem(STORAGE_KEY) === null) return;
      storage.removeItem(STORAGE_KEY);
      notify();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
