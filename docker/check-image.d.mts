// The types of docker/check-image.mjs (plain JavaScript that node runs as it is), for
// packaging/extension.test.ts, which runs the same checks.

/** the labels Docker Desktop requires on an extension image, each a non-empty string */
export const REQUIRED_LABELS: readonly string[];

/** the problems found in IMAGE, compared with the checkout at REPO (default: this checkout) */
export function checkImage(image: string, repo?: string): string[];
