// What the site's search script exposes on the page, for the tests and the benchmark.
interface Window {
  virtbibSearch?: { run(query: string): number; ready: boolean };
}
