// What the configuration's readers share: the environment they read and one problem each finds (config.ts gathers
// them into one ConfigError). Its own module, so the readers (network.ts, tenant-guard.ts) and config.ts import it
// without importing each other in a cycle.

export interface ConfigIssue {
  variable: string;
  message: string;
}

export type Env = Record<string, string | undefined>;
