// Port-forwards (docs/PORT-FORWARD.md): what `POST /api/forwards` takes, what the forward routes
// and `GET /api/containers/:id/ports` answer.

import * as Type from 'typebox';
import { TARGET_REF_MAX_LENGTH } from '../limits.js';
import { EngineName } from './common.js';
import { SessionTarget } from './responses.js';

/** a host name or an IP address inside the target's network namespace; never a flag for `nc` */
export const REMOTE_HOST_PATTERN = '^[A-Za-z0-9:][A-Za-z0-9.:_-]{0,252}$';
export const FORWARD_ID_MAX_LENGTH = 64;

export const CreateForwardRequest = Type.Object(
  {
    target: Type.String({ minLength: 1, maxLength: TARGET_REF_MAX_LENGTH }),
    remotePort: Type.Integer({ minimum: 1, maximum: 65535 }),
    /** default 127.0.0.1, inside the target's network namespace */
    remoteHost: Type.Optional(Type.String({ pattern: REMOTE_HOST_PATTERN })),
    /** absent: the default engine */
    engine: Type.Optional(EngineName),
  },
  { additionalProperties: false },
);

export const ForwardParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: FORWARD_ID_MAX_LENGTH }) });

export const Forward = Type.Object({
  id: Type.String(),
  engine: Type.String(),
  target: SessionTarget,
  /** where the service listens for it: always its loopback */
  localAddress: Type.String(),
  localPort: Type.Integer(),
  remoteHost: Type.String(),
  remotePort: Type.Integer(),
  /** bytes from clients into the container */
  bytesIn: Type.Integer({ default: 0 }),
  /** bytes from the container to clients */
  bytesOut: Type.Integer({ default: 0 }),
  /** connections open now */
  connections: Type.Integer({ default: 0 }),
  /** connections accepted since the start */
  accepted: Type.Integer({ default: 0 }),
  createdAt: Type.String(),
  /**
   * where a browser on the user's machine opens it: its loopback listener
   * (http://127.0.0.1:PORT/), or, where the service runs in the Docker Desktop extension's
   * container, a name through the service's published port (http://f-ID.localhost:PORT/)
   */
  url: Type.String(),
});

export const ForwardList = Type.Array(Forward);

export const ListeningSocket = Type.Object({ address: Type.String(), port: Type.Integer() });

export const ContainerPorts = Type.Object({
  target: SessionTarget,
  /** TCP sockets listening in the container's network namespace (/proc/net/tcp and tcp6) */
  listening: Type.Array(ListeningSocket),
  /** TCP ports its image EXPOSEs */
  exposed: Type.Array(Type.Integer()),
  /** both, once each, ascending: what a UI suggests */
  ports: Type.Array(Type.Integer()),
});
