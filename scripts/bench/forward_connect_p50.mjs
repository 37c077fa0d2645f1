// forward_connect_p50: connect to the first byte of a small HTTP answer through
// `cdebug port-forward`, against `docker exec -i <helper> nc 127.0.0.1 PORT` (forward.mjs).
export { measureConnect as measure } from './forward.mjs';
