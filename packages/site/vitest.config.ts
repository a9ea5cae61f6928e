import { defineConfig } from 'vitest/config';

// The browser tests start Chromium and build sites on a busy two-core CI machine: give them room. Each
// test file shares one browser across its tests.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    include: ['test/**/*.test.ts'],
    // Writes test/fixtures/data/ (the fixture's published files) before any test file reads it.
    globalSetup: ['test/fixtures/global-setup.ts'],
  },
});
