/** DI tokens of the read side. */
export const READ_STORE = Symbol('READ_STORE');
export const PROJECTION_RUNNER = Symbol('PROJECTION_RUNNER');
export const REFERRAL_MANAGER = Symbol('REFERRAL_MANAGER');
export const AUTOMATED_REFERRAL = Symbol('AUTOMATED_REFERRAL');
export const LEADER_ELECTION = Symbol('LEADER_ELECTION');
export const DIRECTORY_FACTS = Symbol('DIRECTORY_FACTS');
