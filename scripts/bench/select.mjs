// Which metric modules `--only` runs: a module's own name, or the name of a row it reports besides
// its own (memory_per_session also reports service_rss_at_start, echo_latency its p50 and p99, ...),
// so that a row of the table can be asked for by the name the table gives it.

/** rows a module reports under other names than its own, by the module that measures them */
export const ROWS_OF = {
  cli_exec_true: ['cli_exec_true_node_floor', 'cli_exec_true_without_extra_ca'],
  echo_latency: ['echo_latency_p50', 'echo_latency_p99'],
  memory_per_session: ['service_rss_at_start'],
};

/**
 * `names`: what --only listed; `modules`: the metric modules' names. The modules to run, in
 * `modules`' order, or `{ unknown }` with the first name that is neither a module nor a row.
 */
export function selectMetrics(names, modules) {
  const wanted = new Set();
  for (const name of names) {
    const module = modules.includes(name) ? name : modules.find((m) => ROWS_OF[m]?.includes(name));
    if (module === undefined) return { unknown: name };
    wanted.add(module);
  }
  return { modules: modules.filter((m) => wanted.has(m)) };
}
