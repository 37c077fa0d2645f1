// `--shell` / the `shell` field of `POST /api/sessions`: which shell a session without a command
// starts. Plain values: the schema, the CLI's checks and the UI's choice all read this list.

export const SHELL_CHOICES = ['auto', 'sh', 'bash', 'zsh', 'fish'] as const;
export type ShellChoice = (typeof SHELL_CHOICES)[number];

export function isShellChoice(value: string): value is ShellChoice {
  return (SHELL_CHOICES as readonly string[]).includes(value);
}

/** one line each, for help texts and the Debug dialog */
export const SHELL_DESCRIPTIONS: Record<ShellChoice, string> = {
  auto: "the target user's login shell when the target has it, else the best of bash, zsh, fish, ash, sh in the target or the toolkit",
  sh: 'sh, from the target or the toolkit',
  bash: 'bash, from the target or the toolkit',
  zsh: 'zsh, from the target or the toolkit',
  fish: 'fish, from the target or the toolkit',
};
