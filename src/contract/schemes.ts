// The spec's security schemes: which header carries each credential, and how a person names it. Derived from
// components.securitySchemes, so the client, the generated negative tests and the rule texts name them alike.
import type { Document } from './spec.js';

/** The spec's security schemes (a self-test checks this list against components.securitySchemes). */
export type Scheme = 'appKey' | 'fabricToken' | 'ccmessagingToken' | 'agentGuid';
export const SCHEMES: readonly Scheme[] = ['appKey', 'fabricToken', 'ccmessagingToken', 'agentGuid'];

interface SchemeObject { type: string; in?: string; name?: string; scheme?: string }

/** The header that carries a scheme (Authorization for HTTP bearer). */
export function headerOf(doc: Document, scheme: string): string {
  const s = (doc.components?.securitySchemes as Record<string, SchemeObject> | undefined)?.[scheme];
  if (!s) throw new Error(`the spec has no security scheme "${scheme}"`);
  return s.type === 'http' ? 'Authorization' : s.name ?? scheme;
}

/** How a person names a scheme's credential: the header, or "Authorization: Bearer <token>". */
export function credentialName(doc: Document, scheme: string): string {
  const s = (doc.components?.securitySchemes as Record<string, SchemeObject> | undefined)?.[scheme];
  return s?.type === 'http' && s.scheme === 'bearer' ? 'Authorization: Bearer <AccessToken>' : headerOf(doc, scheme);
}
