// What the alert step of a night did, as health.json records it (the policy and the posting are alerts.ts).
export type AlertReason = 'failing' | 'reminder' | 'changed' | 'recovered' | 'degraded' | 'certificate';

/** What the alert step did: posted (HTTP status), not due, failed to post (why), or off (no webhook). */
export interface AlertOutcome {
  state: 'posted' | 'not-due' | 'failed' | 'off';
  reasons: AlertReason[];
  format?: 'json' | 'slack';
  status?: number;
  error?: string;
  /** One line for the summary. */
  text: string;
}
