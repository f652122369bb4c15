// The mock's profiles by name, and the setting defaults a profile brings (a setting given as a flag or a variable
// still wins). Kept apart from the profiles themselves so options.ts can read them without importing handlers.

export const PROFILE_NAMES = ['default', 'lenient'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

/** The lenient tenant's agent takes a transferred session after 2 s (the default's 300 ms), well within the suite's
 *  reply deadline (CEC_REPLY_TIMEOUT_MS, 15 s). */
export const LENIENT_AGENT_DELAY_MS = 2_000;

/** Setting defaults per profile, by variable name, as parsed values. */
export const PROFILE_SETTINGS: Readonly<Record<ProfileName, Readonly<Record<string, unknown>>>> = Object.freeze({
  default: {},
  lenient: { MOCK_AGENT_DELAY_MS: LENIENT_AGENT_DELAY_MS },
});
