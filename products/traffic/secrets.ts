// A traffic file carries real secrets (app secrets, AccessTokens, ccmessaging-tokens, Guids, passwords) wherever the
// client put them. Before anything is written, every value that sits where src/contract/secrets.ts masks by place
// (a secret header, a secret JSON key) is registered, so maskText() masks it wherever else it turns up (a URL, an
// error message, another body). Which places are secret is secrets.ts's business: its maskers are asked.
import { isSecretHeader, MASK, maskJson, registerSecret } from '../../src/contract/secrets.js';
import type { TrafficEntry } from './entry.js';

/** The values of `original` that maskJson() replaced by the mask. */
function maskedValues(original: unknown, masked: unknown, out: string[] = []): string[] {
  if (typeof original === 'string' && masked === MASK && original !== MASK) out.push(original);
  else if (original && typeof original === 'object' && masked && typeof masked === 'object') {
    for (const [k, v] of Object.entries(original)) maskedValues(v, (masked as Record<string, unknown>)[k], out);
  }
  return out;
}

const COOKIE_ATTRIBUTE = /^(?:path|domain|expires|max-age|samesite|secure|httponly|priority|partitioned)$/i;

/** name=value pairs of a Cookie, Set-Cookie or Set-GUID header (JSESSIONID=<guid>), without cookie attributes. */
const cookieValues = (value: string): string[] => value.split(/[;,]\s*/).flatMap((pair) => {
  const at = pair.indexOf('=');
  return at > 0 && !COOKIE_ATTRIBUTE.test(pair.slice(0, at).trim()) ? [pair.slice(at + 1)] : [];
});

function headerSecrets(headers: Record<string, string>): string[] {
  return Object.entries(headers).filter(([name]) => isSecretHeader(name)).flatMap(([, value]) => [
    value,
    value.replace(/^\S+\s+/, ''), // Authorization: the token after its scheme
    ...cookieValues(value),
  ]);
}

function bodySecrets(text: string | undefined): string[] {
  if (!text) return [];
  try {
    const body: unknown = JSON.parse(text);
    return maskedValues(body, maskJson(body));
  } catch {
    return [];
  }
}

/** Registers every secret the entries carry (short values are ignored by registerSecret: too common). */
export function registerSecretsOf(entries: readonly TrafficEntry[]): void {
  for (const e of entries) {
    for (const v of [...headerSecrets(e.requestHeaders), ...headerSecrets(e.responseHeaders), ...bodySecrets(e.requestBody), ...bodySecrets(e.responseBody)]) {
      registerSecret(v.trim());
    }
  }
}
