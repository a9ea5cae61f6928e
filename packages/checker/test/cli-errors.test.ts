import { WriteError } from '@virtbib/schema';
import { describe, expect, it, vi } from 'vitest';
import { runCli } from './support/cli.js';

// `add` stands for any command whose write the system refuses (a full disk, a read-only folder): what
// reaches the CLI shell is a WriteError, which is the user's situation to fix, not a bug of virtbib.
vi.mock('../src/commands/add.js', () => ({
  addCommand: async () => {
    throw new WriteError('entries/x.yaml', 'ENOSPC: no space left on device');
  },
}));

describe('errors a command throws', () => {
  it('a refused write is one plain line with exit 2, not an internal error', async () => {
    const { code, stderr } = await runCli(['add', '10.1145/1.2'], process.cwd());
    expect(code).toBe(2);
    expect(stderr).toBe(
      'virtbib add: could not write entries/x.yaml: ENOSPC: no space left on device; the file was left as it was.\n',
    );
  });
});
