import { defineConfig } from 'vitest/config';

// Some tests run bibtex, npm pack and npm install, or build a dataset: give slow CI machines room.
export default defineConfig({ test: { testTimeout: 120_000, hookTimeout: 120_000 } });
