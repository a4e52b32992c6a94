import { createContext, useContext, type ReactNode } from 'react';

// The CSP nonce of the current server render, so the root layout can put it on Remix's inline scripts.
// In the browser it is undefined (browsers hide nonces from the DOM anyway).
const NonceContext = createContext<string | undefined>(undefined);

export function NonceProvider({ value, children }: { value: string | undefined; children: ReactNode }) {
  return <NonceContext.Provider value={value}>{children}</NonceContext.Provider>;
}

export function useNonce(): string | undefined {
  return useContext(NonceContext);
}
