// From the Debug dialog's fields to the contract's CreateSessionRequest, with the first problem
// found named by field, so that the dialog can show it under that field.

import { DEFAULT_PROFILE, parseImageRef, type CreateSessionRequest } from '@cdebug/contract';
import type { Choices } from './choices';
import { splitCommand } from './command';

export type BuiltRequest = { ok: true; request: CreateSessionRequest } | { ok: false; field: 'image' | 'command'; message: string };

export function imageProblem(image: string): string | null {
  const parsed = parseImageRef(image.trim());
  return parsed.ok ? null : parsed.error.message;
}

export function commandProblem(command: string): string | null {
  const split = splitCommand(command);
  return split.ok ? null : split.message;
}

export function buildRequest(target: string, choices: Choices): BuiltRequest {
  const image = choices.image.trim();
  const badImage = imageProblem(image);
  if (badImage !== null) return { ok: false, field: 'image', message: badImage };
  const command = splitCommand(choices.command);
  if (!command.ok) return { ok: false, field: 'command', message: command.message };
  const user = choices.user.trim();
  return {
    ok: true,
    request: {
      target,
      image,
      ...(command.argv.length > 0 ? { cmd: command.argv } : choices.shell !== '' ? { shell: choices.shell } : {}),
      ...(user !== '' ? { user } : {}),
      ...(choices.privileged ? { privileged: true } : choices.profile !== DEFAULT_PROFILE ? { profile: choices.profile } : {}),
    },
  };
}
