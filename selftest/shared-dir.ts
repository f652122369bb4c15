/** Where one `playwright test` of the self-tests keeps what its workers share (set by selftest/global-setup.ts). */
export const SHARED_DIR_VARIABLE = 'CEC_SELFTEST_SHARED_DIR';
