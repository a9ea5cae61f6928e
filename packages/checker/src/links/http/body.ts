import { brotliDecompressSync, constants, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';

/** Decodes the kept start of a body for marker search; a truncated stream decodes as far as it goes. */
export function decodeHead(head: Buffer, encoding: string | undefined, maxOutput: number): string {
  const options = { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: maxOutput };
  try {
    switch ((encoding ?? '').trim().toLowerCase()) {
      case 'gzip':
      case 'x-gzip':
        return gunzipSync(head, options).toString('latin1');
      case 'deflate':
        try {
          return inflateSync(head, options).toString('latin1');
        } catch {
          return inflateRawSync(head, options).toString('latin1');
        }
      case 'br':
        return brotliDecompressSync(head, {
          finishFlush: constants.BROTLI_OPERATION_FLUSH,
          maxOutputLength: maxOutput,
        }).toString('latin1');
      case '':
      case 'identity':
        return head.toString('latin1');
      default:
        return '';
    }
  } catch {
    // A bomb (more than maxOutput) or a corrupt stream: no markers can be read, which is not an error.
    return '';
  }
}
