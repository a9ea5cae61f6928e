import { defineConfig } from 'vitest/config';

// The CLI tests spawn the built bin; give slow CI machines room.
export default defineConfig({ test: { testTimeout: 20_000 } });
