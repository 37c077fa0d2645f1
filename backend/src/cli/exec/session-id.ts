// `cdebug exec`'s session id, whatever the runtime: it goes only into its sidecar's name and labels.

/**
 * The shape of the service's ids (sessions/session-id.ts), for an id that needs no more than to
 * differ from every other's: loading node:crypto would cost every start.
 */
export function uniqueSessionId(random: () => number = Math.random): string {
  let id = '';
  while (id.length < 16)
    id += Math.floor(random() * 0x10000)
      .toString(16)
      .padStart(4, '0');
  return id;
}
