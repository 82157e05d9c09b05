/**
 * The shape every other language must fill: the same keys as English, any words. A translation that
 * misses a key fails the type check instead of showing English on a Filipino screen.
 */
export type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };
