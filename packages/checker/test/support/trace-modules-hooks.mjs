// The module hooks behind trace-modules.mjs. They run on the loader thread, so they write to the file
// directly rather than messaging the program.
import { appendFileSync } from 'node:fs';

let file;

export function initialize(data) {
  file = data.file;
}

export async function load(url, context, nextLoad) {
  if (file) appendFileSync(file, `${url}\n`);
  return nextLoad(url, context);
}
