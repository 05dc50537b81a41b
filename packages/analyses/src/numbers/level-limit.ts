/**
 * The highest level a policy may name. Levels are steps of need (Örebro's run 0–23); a thousand is
 * far beyond any municipality's, and keeps what walks every level of a table (a table's missing
 * levels, the need analysis over the level) bounded: `nivåer 0–10000000` took seconds and a
 * gigabyte before.
 */
export const MAX_LEVEL = 1000;
