import { describe, expect, it, vi } from "vitest";
import { createTokenStore } from "./tokenStore";

function memoryStorage() {
  const values = new Map<string, string>();
  return {
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
    removeItem: (key: string) => void values.delete(key),
  };
}

describe("token store", () => {
  it("keeps the token across store instances (a page reload)", () => {
    const storage = memoryStorage();
    createTokenStore(storage).set("abc");
    expect(createTokenStore(storage).get()).toBe("abc");
  });

  it("tells subscribers when the token is cleared, once", () => {
    const store = createTokenStore(memoryStorage());
    store.set("abc");
    const listener = vi.fn();
    store.subscribe(listener);
    store.clear();
    store.clear();
    expect(store.get()).toBeNull();
    expect(listener).toHaveBeenCalledOnce();
  });
});
