// The Debug dialog remembers its last choices in localStorage, read back through a guard (the
// stored value may come from an older version or be edited by hand).

import { DEFAULT_PROFILE, DEFAULT_TOOLKIT_IMAGE, isProfile, isShellChoice, type Profile, type ShellChoice } from '@cdebug/contract';

export interface Choices {
  image: string;
  user: string;
  privileged: boolean;
  command: string;
  /** '': the default shell (sh) */
  shell: ShellChoice | '';
  profile: Profile;
}

export const CHOICES_STORAGE_KEY = 'cdebug.lastChoices';

export const DEFAULT_CHOICES: Choices = { image: DEFAULT_TOOLKIT_IMAGE, user: '', privileged: false, command: '', shell: '', profile: DEFAULT_PROFILE };

export function loadChoices(storage: Pick<Storage, 'getItem'>): Choices {
  let value: unknown;
  try {
    value = JSON.parse(storage.getItem(CHOICES_STORAGE_KEY) ?? 'null');
  } catch {
    return DEFAULT_CHOICES;
  }
  if (typeof value !== 'object' || value === null) return DEFAULT_CHOICES;
  const stored: Record<string, unknown> = { ...value };
  const text = (v: unknown, fallback: string) => (typeof v === 'string' ? v : fallback);
  return {
    image: text(stored.image, DEFAULT_CHOICES.image) || DEFAULT_CHOICES.image,
    user: text(stored.user, ''),
    privileged: stored.privileged === true,
    command: text(stored.command, ''),
    shell: typeof stored.shell === 'string' && isShellChoice(stored.shell) ? stored.shell : '',
    profile: typeof stored.profile === 'string' && isProfile(stored.profile) ? stored.profile : DEFAULT_PROFILE,
  };
}

export function saveChoices(storage: Pick<Storage, 'setItem'>, choices: Choices): void {
  try {
    storage.setItem(CHOICES_STORAGE_KEY, JSON.stringify(choices));
  } catch {
    // Storage full or disabled: the choices are simply not remembered.
  }
}
