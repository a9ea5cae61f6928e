// `virtbib check` (or any command) run in this process with its output captured, to report its wall
// time and peak memory as one JSON line: what a user's run costs, end to end.
//   node bench/links-cli-run.mjs <command> [args...]      (in the directory to run in)
import { main } from '@virtbib/checker';

const start = performance.now();
let stdout = '';
let stderr = '';
const code = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  env: { ...process.env, NO_COLOR: '1' },
  stdout: { write: (chunk) => (stdout += chunk) },
  stderr: { write: (chunk) => (stderr += chunk) },
});
console.log(
  JSON.stringify({
    code,
    wallMs: performance.now() - start,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    stdout: stdout.slice(0, 2000),
    stderr: stderr.slice(0, 2000),
  }),
);
