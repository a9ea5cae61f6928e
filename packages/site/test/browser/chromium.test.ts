import { describe, expect, it, vi } from 'vitest';
import { chromiumOrFail, findChromium } from './harness.js';

describe('finding Chromium for the browser tests', () => {
  it('fails in CI when Chromium is missing, instead of skipping', () => {
    expect(() => chromiumOrFail({ CI: 'true', CHROMIUM_PATH: '/nonexistent/chromium' })).toThrow(
      /CI=true and Chromium is missing/,
    );
  });

  it('skips with a warning elsewhere', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(chromiumOrFail({ CHROMIUM_PATH: '/nonexistent/chromium' })).toBeUndefined();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('the browser tests are skipped'));
    warn.mockRestore();
  });

  it('uses $CHROMIUM_PATH when it exists', () => {
    expect(findChromium({ CHROMIUM_PATH: process.execPath })).toBe(process.execPath);
  });
});
