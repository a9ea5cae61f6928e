import { defineConfig } from 'vitest/config';

// CI is a busy 2-vCPU machine: validating datasets, spawning worker threads and parsing thousands of
// findings can take seconds there. Timeouts exist to catch hangs, so they are far above any honest run.
export default defineConfig({ test: { testTimeout: 60_000, hookTimeout: 60_000 } });
