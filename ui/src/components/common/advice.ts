// Errors as the user reads them: a title by code (what happened), and advice (what to do next)
// where the service's message lacks it. Pure, so every view says the same for the same error.

import type { ErrorCode } from '@cdebug/contract';

// Only where the service's own message does not already say what to do (its messages usually
// do: "start it first", "check the name..."), or where the page adds something of its own.
const ADVICE: Partial<Record<ErrorCode, string>> = {
  engine_unreachable: 'This page keeps trying, and lists the containers as soon as the engine answers.',
  target_not_found: 'Pick a running container from the list.',
  target_stopped: 'Start the container again, then restart the session.',
  sidecar_failed: 'Restart the session; if it fails again, try another toolkit image and look at the cdebug service log.',
  session_not_found: 'Restart it, or close this tab.',
  session_ended: 'Restart it, or close this tab.',
};

export function adviceFor(code: ErrorCode): string | null {
  return ADVICE[code] ?? null;
}

const TITLES: Partial<Record<ErrorCode, string>> = {
  engine_unreachable: 'The container engine does not answer',
  target_not_running: 'The target container is not running',
  target_not_found: 'The target container no longer exists',
  target_stopped: 'The target container stopped, so this session ended',
  image_pull_failed: 'The toolkit image could not be pulled',
  invalid_image: 'The toolkit image reference is not valid',
  unsupported_toolkit: 'The toolkit image cannot do what was asked',
  sidecar_failed: 'The debugging sidecar could not be started',
  unauthorized: 'The access token is missing or expired',
  session_not_found: 'This session no longer exists',
  session_ended: 'This session has ended',
};

export function titleFor(code: ErrorCode): string {
  return TITLES[code] ?? 'Something went wrong';
}
