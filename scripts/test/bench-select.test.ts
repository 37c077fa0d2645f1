// scripts/bench/select.mjs: `npm run bench -- --only` takes a metric module's name or a row's.
import { describe, expect, it } from 'vitest';
import { selectMetrics } from '../bench/select.mjs';

const MODULES = ['cli_exec_true', 'echo_latency', 'throughput', 'memory_per_session'];

describe('selectMetrics', () => {
  it("runs a module by its own name, in the modules' order", () => {
    expect(selectMetrics(['throughput', 'cli_exec_true'], MODULES)).toEqual({ modules: ['cli_exec_true', 'throughput'] });
  });

  it('runs the module that measures a row of another name, once', () => {
    expect(selectMetrics(['service_rss_at_start'], MODULES)).toEqual({ modules: ['memory_per_session'] });
    expect(selectMetrics(['echo_latency_p50', 'echo_latency_p99', 'echo_latency'], MODULES)).toEqual({ modules: ['echo_latency'] });
  });

  it('names the first name that is neither', () => {
    expect(selectMetrics(['throughput', 'rss', 'nope'], MODULES)).toEqual({ unknown: 'rss' });
  });
});
