// Exit statuses, as docker exec has them: the command's own, or these for cdebug's failures.
export const EXIT = {
  ok: 0,
  /** cdebug's own error: bad flags, engine unreachable, target missing or stopped, pull failed */
  cdebug: 125,
  /** interrupted by SIGINT before the command ran */
  interrupted: 130,
} as const;
