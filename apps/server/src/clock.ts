/** The one source of "now" (epoch ms) for services, so tests can replay a known day. */
export type Clock = { now(): number };

export const systemClock: Clock = { now: () => Date.now() };
