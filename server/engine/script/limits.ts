/**
 * Hard limits that keep the validator fast and safe on hostile input (huge files, alias bombs,
 * deep nesting). Each limit produces a clear diagnostic instead of a crash or a hang.
 */

/** Largest script accepted, in UTF-8 bytes. A generated 5,000-action script is about 1 MB. */
export const MAX_SCRIPT_BYTES = 2 * 1024 * 1024;

/** Deepest nesting of YAML collections. Real scripts need about 12 levels. */
export const MAX_NESTING_DEPTH = 64;

/** Most alias references (`*name`) in one file. */
export const MAX_ALIAS_COUNT = 1_000;

/** Most values that aliases may copy in total: stops "billion laughs" expansion. */
export const MAX_ALIAS_EXPANSION = 20_000;

/** Longest condition expression, in characters. */
export const MAX_CONDITION_LENGTH = 2_000;

/** Deepest nesting inside one condition (parentheses, not, lists). */
export const MAX_CONDITION_DEPTH = 32;

/** Most diagnostics reported for one file; the rest are summarised in one last diagnostic. */
export const MAX_DIAGNOSTICS = 500;

/** Share of control characters above which text is treated as binary junk, not YAML. */
export const MAX_CONTROL_CHAR_RATIO = 0.01;
