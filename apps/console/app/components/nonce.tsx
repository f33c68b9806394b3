import { createContext, useContext } from 'react';

/**
 * The CSP nonce of the response being rendered. The server provides it; in the browser it is empty,
 * which is fine because browsers hide nonce attributes from the DOM after checking them.
 */
const NonceContext = createContext('');

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}
