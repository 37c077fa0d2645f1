// What the user can do about an error, by its code. The message says what went wrong; the advice
// says what to do next. Pure, so every view gives the same advice for the same error.

import type { ErrorCode } from '@cdebug/contract';

const ADVICE: Partial<Record<ErrorCode, string>> = {
  engine_unreachable:
    'Start Docker (Docker Desktop, or the Docker daemon for the standalone server; check DOCKER_HOST if you use another engine). This page retries by itself.',
  target_not_running: 'Start the container again, then press Debug once it shows as running.',
  target_not_found: 'The container is gone: pick another one from the list.',
  target_stopped: 'Start the container again, then restart the session.',
  image_pull_failed:
    'Check the image name and that the engine can reach its registry, or choose a toolkit already on this engine (marked Local).',
  invalid_image: 'Fix the image reference: for example busybox:latest or nixery.dev/shell/htop.',
  unsupported_toolkit: 'Choose a toolkit that has the needed helper (busybox has setpriv), or clear the User option.',
  sidecar_failed: 'Restart the session; if it fails again, try another toolkit image and look at the cdebug service log.',
  unauthorized: 'Open the address that cdebug printed when it started: it carries a fresh access token.',
  forbidden: 'Open this page through the address that cdebug printed when it started.',
  session_not_found: 'The session has ended: restart it or close this tab.',
  session_ended: 'The session has ended: restart it or close this tab.',
  too_many_requests: 'Wait a moment, then try again.',
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
