import { dirname, join, resolve } from 'node:path';
import { datasetDirProblem, isDatasetDir, UsageError } from '@virtbib/schema';

/**
 * The dataset a command works on: the directory given, else the current directory when it is one, else
 * packages/data of the enclosing repository (so `npx virtbib validate` works from anywhere inside it).
 */
export function resolveDatasetDir(cwd: string, given?: string): string {
  if (given !== undefined) {
    const dir = resolve(cwd, given);
    const problem = datasetDirProblem(dir, given);
    if (problem) throw new UsageError(problem);
    return dir;
  }
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (isDatasetDir(dir)) return dir;
    if (isDatasetDir(join(dir, 'packages/data'))) return join(dir, 'packages/data');
    if (dirname(dir) === dir) break;
  }
  throw new UsageError('No dataset found: run inside the virtbib repository or pass the dataset directory.');
}
