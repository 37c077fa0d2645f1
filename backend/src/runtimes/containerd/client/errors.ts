// containerd's gRPC status codes, and what cdebug says about them.

import { CdebugError } from '../../../contract/index.js';

/** the gRPC codes the adapter tells apart */
export const GRPC = { cancelled: 1, deadlineExceeded: 4, notFound: 5, alreadyExists: 6, failedPrecondition: 9, unavailable: 14 } as const;

export function grpcCode(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null || !('code' in err)) return undefined;
  const code = err.code;
  return typeof code === 'number' ? code : undefined;
}

export function isNotFound(err: unknown): boolean {
  return grpcCode(err) === GRPC.notFound;
}

function detailsOf(err: unknown): string {
  if (typeof err === 'object' && err !== null && 'details' in err && typeof err.details === 'string' && err.details) return err.details;
  return err instanceof Error ? err.message : String(err);
}

/** A coded error for a failed call: a containerd that does not answer is `engine_unreachable`,
 * anything else says what failed with containerd's own words. Coded errors pass through. */
export function containerdError(err: unknown, socket: string, what: string): CdebugError {
  if (err instanceof CdebugError) return err;
  const code = grpcCode(err);
  if (code === GRPC.unavailable || code === GRPC.deadlineExceeded) {
    return new CdebugError(
      'engine_unreachable',
      `containerd at ${socket} does not answer (${detailsOf(err)}): start it, or give its socket with --host containerd:///path/to/containerd.sock.`,
      { cause: err },
    );
  }
  return new CdebugError('internal', `containerd could not ${what}: ${detailsOf(err)}`, { cause: err });
}
