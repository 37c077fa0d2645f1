// Where an engine is and how to reach it, as the docker CLI works it out: a URL (unix://,
// tcp://, ssh://), TLS material for tcp, and which setting chose it. Pure data: resolving
// reads the context store, dialling (connect.ts) reads the certificate files.

/** TLS for a tcp:// engine. Paths to PEM files, read when the engine is dialled. */
export interface EngineTls {
  ca?: string;
  cert?: string;
  key?: string;
  /** check the engine's certificate against `ca` (or the system's CAs) and its name */
  verify: boolean;
}

export type EndpointSource = 'flag' | 'env' | 'context' | 'default';

export interface EngineEndpoint {
  /** the context's name; "default" for the engine DOCKER_HOST, --host or the default socket names */
  name: string;
  /** unix:///path, tcp://host:port or ssh://[user@]host[:port] */
  host: string;
  tls?: EngineTls;
  /** what chose this endpoint: --host/--context, DOCKER_HOST/DOCKER_CONTEXT, config.json, nothing */
  source: EndpointSource;
}

/** One entry of `docker context ls`: a context and its docker endpoint. */
export interface ContextEntry {
  name: string;
  description?: string;
  endpoint: EngineEndpoint;
  /** the one the environment selects when neither --host nor --context is given */
  current: boolean;
}

export const DEFAULT_CONTEXT = 'default';
export const DEFAULT_SOCKET_HOST = 'unix:///var/run/docker.sock';
