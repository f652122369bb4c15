// The GitLab CI template (ci-templates/gitlab-ci.yml) against the GitHub workflow (.github/workflows/conformance.yml),
// both parsed with the yaml package: the same jobs, the same Node versions, the same shards, the same commands (after
// the two syntaxes' placeholders are made one), the same environment, the same artifact paths and how long they are
// kept, the history cache of the nightly job, the same nightly schedule and which jobs run on it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { parse } from 'yaml';
import { ROOT } from './helpers.js';

type Obj = Record<string, unknown>;
const GITHUB_FILE = join(ROOT, '.github', 'workflows', 'conformance.yml');
const GITLAB_FILE = join(ROOT, 'ci-templates', 'gitlab-ci.yml');
const github = parse(readFileSync(GITHUB_FILE, 'utf8')) as { on: Obj; jobs: Record<string, Obj> };
const gitlabText = readFileSync(GITLAB_FILE, 'utf8');
const gitlab = parse(gitlabText) as Record<string, Obj>;

/** Both syntaxes' placeholders as one: the shard, the node version, the run's id. */
const norm = (s: string): string => s
  .replace(/\$\{\{\s*matrix\.shard\s*\}\}|\$\{?SHARD\}?/g, '<shard>')
  .replace(/\$\{\{\s*matrix\.node\s*\}\}|\$\{?NODE\}?/g, '<node>')
  .replace(/\$\{\{\s*github\.run_id\s*\}\}|\$\{?CI_PIPELINE_ID\}?/g, '<run>')
  // Where the summary goes differs (GitHub's job summary, GitLab's log and a file): the command is the same.
  .replace(/\s*(>>|\|)\s*.*$/, '')
  .replace(/\s+--cache \.npm --prefer-offline/, '')
  .trim();

interface Step { uses?: string; run?: string; with?: Obj; env?: Record<string, string> }
const steps = (job: Obj): Step[] => (job.steps as Step[]) ?? [];

/** A GitLab job with its `extends` and the defaults applied (what GitLab runs). */
function gitlabJob(name: string): Obj {
  const own = gitlab[name];
  const base = typeof own.extends === 'string' ? gitlab[own.extends] : {};
  return { ...(gitlab.default ?? {}), ...base, ...own };
}
const lines = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);
const days = (s: unknown): number => Number(/^(\d+) days?$/.exec(String(s))?.[1]);

const JOBS = Object.keys(github.jobs);

test('the same jobs', () => {
  expect(JOBS.length).toBeGreaterThanOrEqual(4);
  const gitlabJobs = Object.keys(gitlab).filter((k) => !k.startsWith('.') && !['default', 'stages', 'workflow', 'variables', 'include'].includes(k));
  expect(gitlabJobs.sort()).toEqual([...JOBS].sort());
});

for (const name of JOBS) {
  test(`${name}: the same commands, Node versions, shards, environment and artifacts`, () => {
    const gh = github.jobs[name];
    const gl = gitlabJob(name);
    // Commands: GitHub's run steps, in order, and GitLab's before_script, script and after_script.
    expect([...lines(gl.before_script), ...lines(gl.script), ...lines(gl.after_script)].map(norm)).toEqual(steps(gh).filter((s) => s.run).map((s) => norm(s.run!)));
    // Node: the matrix's versions (or the one version) as the image's.
    const strategy = (gh.strategy as { matrix?: Record<string, unknown[]> } | undefined)?.matrix ?? {};
    const glMatrix = ((gl.parallel as { matrix?: Array<Record<string, unknown[]>> } | undefined)?.matrix ?? [])[0] ?? {};
    const setup = steps(gh).find((s) => s.uses?.startsWith('actions/setup-node'))!;
    const ghNode = norm(String(setup.with!['node-version'])) === '<node>' ? strategy.node!.map(String) : [String(setup.with!['node-version'])];
    const image = norm(String(gl.image));
    const glNode = image === 'node:<node>' ? glMatrix.NODE!.map(String) : [image.replace(/^node:/, '')];
    expect(glNode, 'Node versions').toEqual(ghNode);
    // Shards: the same list, and each one's count in the command.
    expect((glMatrix.SHARD ?? []).map(String), 'shards').toEqual((strategy.shard ?? []).map(String));
    // Environment of the steps (the nightly job's tenant settings are GitLab CI/CD variables: named in the template).
    const ghEnv = Object.assign({}, ...steps(gh).map((s) => s.env ?? {})) as Record<string, string>;
    const glEnv = (gl.variables ?? {}) as Record<string, string>;
    for (const [k, v] of Object.entries(ghEnv)) {
      if (/\$\{\{\s*(secrets|vars)\./.test(v)) expect(gitlabText, `${k} named as a CI/CD variable`).toContain(k);
      else expect(norm(String(glEnv[k])), k).toBe(norm(v));
    }
    expect(Object.keys(glEnv).sort()).toEqual(Object.keys(ghEnv).filter((k) => !/\$\{\{\s*(secrets|vars)\./.test(ghEnv[k])).sort());
    // Artifacts: the uploaded paths, kept as long, uploaded whatever the outcome.
    const uploads = steps(gh).filter((s) => s.uses?.startsWith('actions/upload-artifact'));
    const artifacts = gl.artifacts as { paths?: string[]; expire_in?: string; when?: string } | undefined;
    expect((artifacts?.paths ?? []).map(norm), 'artifact paths').toEqual(uploads.map((u) => norm(String(u.with!.path))));
    for (const u of uploads) {
      expect(days(artifacts?.expire_in), 'retention').toBe(Number(u.with!['retention-days']));
      expect(artifacts?.when).toBe('always');
    }
    // Time limits.
    if (gh['timeout-minutes']) expect(gl.timeout).toBe(`${String(gh['timeout-minutes'])} minutes`);
  });
}

test('the merge job gets every shard\'s artifact where the shard wrote it, and runs whatever the shards did', () => {
  const gh = github.jobs['conformance-report'];
  const gl = gitlabJob('conformance-report');
  expect(gh.needs).toBe('conformance-shard');
  expect(gl.needs).toEqual([{ job: 'conformance-shard', artifacts: true }]);
  expect(String(gh.if)).toContain('always()');
  expect((gl.rules as Obj[]).at(-1)).toEqual({ when: 'always' });
});

test('the nightly schedule: the same cron; the health job only on it (or by hand), the gate never on it', () => {
  const cron = ((github.on.schedule as Array<{ cron: string }>)[0]).cron;
  expect(gitlabText).toContain(`"${cron}"`);
  for (const name of JOBS) {
    const onSchedule = !/event_name != 'schedule'/.test(String(github.jobs[name].if));
    const rules = (gitlabJob(name).rules ?? []) as Array<{ if?: string; when?: string }>;
    const scheduleRule = rules.find((r) => r.if?.includes('$CI_PIPELINE_SOURCE == "schedule"'));
    expect(scheduleRule, name).toBeDefined();
    expect(scheduleRule!.when !== 'never', `${name} runs on the schedule`).toBe(onSchedule);
  }
  // The history between nights: the same folder, kept even when the night is red.
  const restore = steps(github.jobs['nightly-health']).find((s) => s.uses?.startsWith('actions/cache/restore'))!;
  const caches = gitlabJob('nightly-health').cache as Array<{ key: string; paths: string[]; when?: string }>;
  const history = caches.find((c) => c.paths.includes(String(restore.with!.path)));
  expect(history).toMatchObject({ when: 'always' });
});
