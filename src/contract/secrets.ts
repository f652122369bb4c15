// Secret masking: app secrets, access tokens, ccmessaging-tokens, Guids and agent passwords never reach a log,
// an attachment or a report. Values are masked by where they sit (header, JSON key) and, once seen, wherever
// they appear in free text.

export const MASK = '***';

/** Headers whose values are secrets (lower case). */
const SECRET_HEADERS = new Set(['authorization', 'ccmessaging-token', 'guid', 'set-guid', 'cookie', 'set-cookie', 'x-app-secret']);
/** JSON keys whose values are secrets. */
const SECRET_KEYS = new Set(['app_secret', 'accesstoken', 'token', 'password', 'guid', 'ccmessaging-token']);

const known = new Set<string>();

/** Remembers a secret value so that it is masked wherever it appears later. Short values are ignored (too common). */
export function registerSecret(value: string | undefined | null): void {
  if (typeof value === 'string' && value.length >= 6) known.add(value);
}

/** Secrets from the environment (CEC_APP_SECRET, CEC_AGENT_GUID, CEC_AGENT_PASSWORD), registered at import. */
for (const name of ['CEC_APP_SECRET', 'CEC_AGENT_GUID', 'CEC_AGENT_PASSWORD']) registerSecret(process.env[name]);

export function isSecretHeader(name: string): boolean {
  return SECRET_HEADERS.has(name.toLowerCase());
}

export function maskText(text: string): string {
  let out = text;
  for (const secret of known) if (out.includes(secret)) out = out.split(secret).join(MASK);
  // Bearer tokens and JSESSIONID values, even ones never registered.
  return out.replace(/(Bearer\s+)[^\s"',}]+/gi, `$1${MASK}`).replace(/(JSESSIONID=)[^\s"';,}]+/gi, `$1${MASK}`);
}

export function maskHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    out[name] = isSecretHeader(name) ? (name.toLowerCase() === 'authorization' ? text.replace(/^(\S+\s+).*/, `$1${MASK}`) : MASK) : maskText(text);
  }
  return out;
}

/** A deep copy of a JSON value with secret keys masked and known secrets removed from every string. */
export function maskJson<T>(value: T): T {
  if (typeof value === 'string') return maskText(value) as T;
  if (Array.isArray(value)) return value.map(maskJson) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) =>
      [k, SECRET_KEYS.has(k.toLowerCase()) && typeof v === 'string' && v ? MASK : maskJson(v)])) as T;
  }
  return value;
}

/** Masks a body given as text: JSON is masked by key, anything else by known values. */
export function maskBodyText(text: string): string {
  try {
    return JSON.stringify(maskJson(JSON.parse(text)));
  } catch {
    return maskText(text);
  }
}
