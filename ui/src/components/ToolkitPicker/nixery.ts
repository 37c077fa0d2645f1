// Nixery builds an image from the package names in its path: nixery.dev/shell/htop/strace is a
// shell plus htop and strace. These helpers go from packages to the image name and back.

export const NIXERY_SHELL = 'nixery.dev/shell';

/** Packages worth offering first; any other nixpkgs attribute name can be typed. */
export const NIXERY_SUGGESTIONS = [
  'htop',
  'strace',
  'ltrace',
  'gdb',
  'lsof',
  'procps',
  'psmisc',
  'curl',
  'wget',
  'tcpdump',
  'iproute2',
  'bind',
  'netcat',
  'openssl',
  'jq',
  'vim',
  'less',
  'file',
  'findutils',
  'git',
] as const;

/** The packages of a nixery.dev/shell image (tag or digest ignored), or null for any other image. */
export function nixeryPackages(image: string): string[] | null {
  const name = image.replace(/@.*$/, '').replace(/:[^/]*$/, '');
  if (name !== NIXERY_SHELL && !name.startsWith(`${NIXERY_SHELL}/`)) return null;
  return name.slice(NIXERY_SHELL.length).split('/').filter(Boolean);
}

/** nixery.dev/shell/<pkg>/<pkg>: duplicates dropped, order kept (Nixery's layers follow it). */
export function composeNixery(packages: readonly string[]): string {
  const unique = [...new Set(packages.map((p) => p.trim()).filter(Boolean))];
  return [NIXERY_SHELL, ...unique].join('/');
}
