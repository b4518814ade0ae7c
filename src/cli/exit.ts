/** Exit codes of the CLI contract. */
export const ExitCode = { ok: 0, failure: 1, usage: 2, quarantined: 3 } as const;

export class UsageError extends Error {}
