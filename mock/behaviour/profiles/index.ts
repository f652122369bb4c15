// The profile in force: MOCK_PROFILE (default | lenient) and, for the default one, MOCK_STRICT_REQUESTS. A profile is
// a set of extension points (extensions.ts) that lies under whatever extensions a caller of buildApp gives.
import type { MockExtensions } from '../extensions.js';
import type { MockOptions } from '../options.js';
import { DEFAULT_PROFILE } from './default.js';
import { LENIENT_PROFILE } from './lenient.js';
import { STRICT_REQUESTS } from './strict.js';

export { PROFILE_NAMES, type ProfileName } from './names.js';

export function profileExtensions(options: Pick<MockOptions, 'profile' | 'strictRequests'>): MockExtensions {
  if (options.profile === 'lenient') return LENIENT_PROFILE;
  return options.strictRequests ? STRICT_REQUESTS : DEFAULT_PROFILE;
}

/** The profile in words (the banner). */
export const describeProfile = (options: Pick<MockOptions, 'profile' | 'strictRequests'>): string =>
  options.profile === 'lenient' ? 'lenient (lawful-but-different readings; MOCK_PROFILE=lenient)'
    : options.strictRequests ? 'default, strict requests (MOCK_STRICT_REQUESTS=1: unknown fields refused)' : 'default (lawful requests taken; MOCK_STRICT_REQUESTS=1 refuses unknown fields)';
