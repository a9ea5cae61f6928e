// Preloaded with `node --import` by test/startup.test.ts: records the URL of every module the program
// imports into the file named by VIRTBIB_TRACE_MODULES, one a line, so that a test can assert the module
// graph of a command (what it loads, not how long that takes).
import { register } from 'node:module';

register('./trace-modules-hooks.mjs', import.meta.url, {
  data: { file: process.env.VIRTBIB_TRACE_MODULES },
});
