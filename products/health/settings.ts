// The nightly check's own settings, beyond the suite's (src/suite/config.ts): where alerts go and when, the budgets
// and quarantine files, how early a certificate's end is warned of. From CEC_HEALTH_* variables; a wrong value is a
// configuration error (npm run health: misconfigured, exit 2), never a silent default.
import { isAbsolute, resolve } from 'node:path';
import { registerSecret } from '../../src/contract/secrets.js';
import { PROJECT_ROOT } from '../../src/suite/config.js';

export type WebhookFormat = 'json' | 'slack';

export interface HealthSettings {
  /** Where alerts are posted (CEC_HEALTH_WEBHOOK_URL); a secret (a Slack webhook's path is its token). */
  webhookUrl?: string;
  webhookFormat: WebhookFormat;
  /** The link to the health page in an alert (CEC_HEALTH_PAGE_URL), else the page's file path. */
  pageUrl?: string;
  /** Alert when this many nights in a row were red (CEC_HEALTH_ALERT_AFTER). */
  alertAfter: number;
  /** While red, remind every this many further red nights (CEC_HEALTH_REMIND_AFTER). */
  remindAfter: number;
  /** Warn when a TLS certificate ends within this many days (CEC_HEALTH_CERT_DAYS). */
  certDays: number;
  /** The latency budgets file (CEC_HEALTH_BUDGETS). Absolute. */
  budgetsFile: string;
  /** The quarantine list (CEC_HEALTH_QUARANTINE). Absolute. */
  quarantineFile: string;
}

export class HealthSettingsError extends Error {}

export const HEALTH_VARIABLES = [
  'CEC_HEALTH_WEBHOOK_URL', 'CEC_HEALTH_WEBHOOK_FORMAT', 'CEC_HEALTH_PAGE_URL', 'CEC_HEALTH_ALERT_AFTER', 'CEC_HEALTH_REMIND_AFTER',
  'CEC_HEALTH_CERT_DAYS', 'CEC_HEALTH_BUDGETS', 'CEC_HEALTH_QUARANTINE',
] as const;

export const DEFAULT_HEALTH_SETTINGS = { alertAfter: 2, remindAfter: 7, certDays: 21, budgetsFile: 'health-budgets.yaml', quarantineFile: 'health-quarantine.yaml' } as const;

export function healthSettings(env: Record<string, string | undefined>): HealthSettings {
  const issues: string[] = [];
  const raw = (name: string): string | undefined => env[name]?.trim() || undefined;
  const whole = (name: string, fallback: number, min: number, max: number): number => {
    const v = raw(name);
    if (v === undefined) return fallback;
    if (!/^[0-9]+$/.test(v) || Number(v) < min || Number(v) > max) {
      issues.push(`${name}: "${v}" is not a whole number from ${min} to ${max}`);
      return fallback;
    }
    return Number(v);
  };
  const url = (name: string, secret: boolean): string | undefined => {
    const v = raw(name);
    if (v === undefined) return undefined;
    if (secret) registerSecret(v);
    try {
      const u = new URL(v);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('not http(s)');
      if (secret) registerSecret(`${u.pathname}${u.search}`);
      return v;
    } catch {
      issues.push(`${name}: not an http(s) URL${secret ? '' : ` ("${v}")`}`);
      return undefined;
    }
  };
  const file = (name: string, fallback: string): string => {
    const v = raw(name) ?? fallback;
    return isAbsolute(v) ? v : resolve(PROJECT_ROOT, v);
  };
  const webhookUrl = url('CEC_HEALTH_WEBHOOK_URL', true);
  const formatRaw = raw('CEC_HEALTH_WEBHOOK_FORMAT');
  let webhookFormat: WebhookFormat = webhookUrl && /(^|\.)hooks\.slack\.com$/.test(new URL(webhookUrl).hostname) ? 'slack' : 'json';
  if (formatRaw !== undefined) {
    if (formatRaw !== 'json' && formatRaw !== 'slack') issues.push(`CEC_HEALTH_WEBHOOK_FORMAT: "${formatRaw}" must be "json" or "slack"`);
    else webhookFormat = formatRaw;
  }
  const out: HealthSettings = {
    ...(webhookUrl ? { webhookUrl } : {}),
    webhookFormat,
    ...(raw('CEC_HEALTH_PAGE_URL') ? { pageUrl: url('CEC_HEALTH_PAGE_URL', false) } : {}),
    alertAfter: whole('CEC_HEALTH_ALERT_AFTER', DEFAULT_HEALTH_SETTINGS.alertAfter, 1, 1000),
    remindAfter: whole('CEC_HEALTH_REMIND_AFTER', DEFAULT_HEALTH_SETTINGS.remindAfter, 1, 1000),
    certDays: whole('CEC_HEALTH_CERT_DAYS', DEFAULT_HEALTH_SETTINGS.certDays, 0, 3650),
    budgetsFile: file('CEC_HEALTH_BUDGETS', DEFAULT_HEALTH_SETTINGS.budgetsFile),
    quarantineFile: file('CEC_HEALTH_QUARANTINE', DEFAULT_HEALTH_SETTINGS.quarantineFile),
  };
  if (issues.length) throw new HealthSettingsError(`Invalid health settings:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
  return out;
}
