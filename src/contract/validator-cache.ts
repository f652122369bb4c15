// Every validator of a contract compiled once per machine, not once per process: the first process that needs them
// writes ajv's standalone code of all of them (https://ajv.js.org/standalone.html) to
// node_modules/.cache/cec-validators/<key>.cjs, and every later process loads that module instead of compiling
// (a run starts ~100 processes; compiling costs ~200-300 ms CPU in each, loading ~10 ms).
// The key hashes everything the generated code depends on: the document (spec bytes and strict profile), the
// validators' schemas, the ajv and ajv-formats versions, and the text of ajv.ts (options, keywords) and of this file.
// A cache that cannot be written or loaded costs speed, never correctness: validators are then compiled here.
import { createHash, randomBytes } from 'node:crypto';
import { accessSync, constants, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileFunction } from 'node:vm';
import type { ValidateFunction } from 'ajv';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import { AJV_SETUP_FILE, createAjv } from './ajv.js';
import type { Document } from './spec.js';
import type { Direction, ValidatorSchema } from './validator-schemas.js';

const require = createRequire(import.meta.url);
const DIRECTIONS: readonly Direction[] = ['request', 'response'];
/** Cache files kept (the newest): one per strictness, and a few for other versions of the spec. */
const KEEP_FILES = 8;
/** A temporary file older than this is left over by a writer that died. */
const STALE_TMP_MS = 10 * 60_000;

/** Validators by direction, then by key (validator-schemas.ts). */
export type Validators = Record<Direction, Map<string, ValidateFunction>>;

/** node_modules/.cache/cec-validators: in the node_modules of the ajv that writes it. */
export const DEFAULT_VALIDATOR_CACHE = join(dirname(dirname(require.resolve('ajv/package.json'))), '.cache', 'cec-validators');

const versionOf = (pkg: string): string => (require(`${pkg}/package.json`) as { version: string }).version;

/** The cache file of these validators of this document. */
export function validatorCacheFile(doc: Document, schemas: readonly ValidatorSchema[], dir = DEFAULT_VALIDATOR_CACHE): string {
  const hash = createHash('sha256');
  for (const part of [
    `ajv ${versionOf('ajv')}`, `ajv-formats ${versionOf('ajv-formats')}`,
    readFileSync(AJV_SETUP_FILE, 'utf8'), readFileSync(fileURLToPath(import.meta.url), 'utf8'),
    JSON.stringify(doc), JSON.stringify(schemas),
  ]) hash.update(part).update('\0');
  return join(dir, `${hash.digest('hex').slice(0, 32)}.cjs`);
}

export interface CachedValidators {
  validators: Validators;
  /** 'cache': loaded from the file; 'written': generated here and written; 'memory': generated here, not written. */
  from: 'cache' | 'written' | 'memory';
}

/**
 * Every validator of `schemas`, from the cache when it has them, else generated (and written for the next process).
 * Undefined when the cache directory cannot be written: the caller then compiles what it uses, as it would without
 * a cache.
 */
export function cachedValidators(doc: Document, schemas: readonly ValidatorSchema[], dir = DEFAULT_VALIDATOR_CACHE): CachedValidators | undefined {
  const file = validatorCacheFile(doc, schemas, dir);
  const loaded = load(file);
  if (loaded) return { validators: loaded, from: 'cache' };
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch {
    return undefined;
  }
  const { code, validators } = generate(doc, schemas);
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    // Written whole under a unique name, then renamed: a concurrent reader sees no file or a complete one, and
    // concurrent writers of the same key write the same code.
    writeFileSync(tmp, code);
    renameSync(tmp, file);
  } catch {
    rmSync(tmp, { force: true });
    return { validators, from: 'memory' };
  }
  prune(dir, file);
  return { validators: load(file) ?? validators, from: 'written' };
}

/** Runs the module with this file's require, so its `require("ajv/…")` resolve wherever the cache directory is. */
function load(file: string): Validators | undefined {
  try {
    const m: Partial<Record<Direction, Record<string, ValidateFunction>>> = {};
    compileFunction(readFileSync(file, 'utf8'), ['exports', 'require'], { filename: file })(m, require);
    if (!DIRECTIONS.every((d) => m[d] && typeof m[d] === 'object')) return undefined;
    return { request: new Map(Object.entries(m.request!)), response: new Map(Object.entries(m.response!)) };
  } catch {
    // Absent, unreadable or corrupt: generated again.
    return undefined;
  }
}

/** One CommonJS module: `exports.request` and `exports.response`, each the standalone code of one Ajv instance
 *  (requests and responses never share an instance) with one export per validator key. */
function generate(doc: Document, schemas: readonly ValidatorSchema[]): { code: string; validators: Validators } {
  const standaloneCode = require('ajv/dist/standalone/index.js') as (ajv: Ajv2020, refs: Record<string, string>) => string;
  const validators = { request: new Map(), response: new Map() } as Validators;
  let code = '"use strict";\n// Generated by src/contract/validator-cache.ts: ajv standalone validators. Do not edit.\n';
  for (const direction of DIRECTIONS) {
    const ajv = createAjv(doc, { source: true });
    const ids: Record<string, string> = {};
    for (const { key, schema } of schemas.filter((s) => s.direction === direction)) {
      ids[key] = `urn:cec:validator:${direction}:${key}`;
      ajv.addSchema(schema, ids[key]);
    }
    code += `exports.${direction} = (function (exports) {\n${standaloneCode(ajv, ids)}\nreturn exports;\n})({});\n`;
    for (const [key, id] of Object.entries(ids)) validators[direction].set(key, ajv.getSchema(id)!);
  }
  return { code, validators };
}

/** Removes the oldest cache files beyond KEEP_FILES and temporary files left by dead writers. Best effort. */
function prune(dir: string, keep: string): void {
  try {
    const files = readdirSync(dir).map((name) => join(dir, name)).map((path) => ({ path, mtime: statSync(path).mtimeMs }));
    const now = Date.now();
    for (const f of files) if (f.path.endsWith('.tmp') && now - f.mtime > STALE_TMP_MS) rmSync(f.path, { force: true });
    const modules = files.filter((f) => f.path.endsWith('.cjs') && f.path !== keep).sort((a, b) => b.mtime - a.mtime);
    for (const f of modules.slice(KEEP_FILES - 1)) rmSync(f.path, { force: true });
  } catch {
    // Another process pruned first.
  }
}
