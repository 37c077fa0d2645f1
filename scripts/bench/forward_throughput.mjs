// forward_throughput: 100 MB (20 MB --quick) through `cdebug port-forward`, against the same
// bytes through `docker exec -i <helper> nc 127.0.0.1 PORT` by hand (forward.mjs).
export { measureThroughput as measure } from './forward.mjs';
