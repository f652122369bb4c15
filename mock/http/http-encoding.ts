// HTTP as real servers speak it: answers compressed with the encoding the request accepts (MOCK_COMPRESS: gzip,
// deflate or br; Accept-Encoding decides, as it does on a real server) and every connection closed after its answer
// (MOCK_CONNECTION_CLOSE: `Connection: close`). Registered last, so every other onSend hook (the response check, the
// post-response hook) sees the plain body.
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import type { Compression } from '../behaviour/options.js';

const ENCODERS: Record<Exclude<Compression, 'off'>, (b: Buffer) => Buffer> = { gzip: gzipSync, deflate: deflateSync, br: brotliCompressSync };

/** Whether an Accept-Encoding header accepts `encoding` (a q=0 refuses it; `*` accepts). */
export function accepts(header: string | undefined, encoding: string): boolean {
  for (const part of (header ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';').map((x) => x.trim());
    if (name !== encoding && name !== '*') continue;
    const q = params.find((p) => p.startsWith('q='));
    return !q || Number(q.slice(2)) > 0;
  }
  return false;
}

export function registerHttpEncoding(app: FastifyInstance, options: { compress: Compression; connectionClose: boolean }): void {
  if (options.compress === 'off' && !options.connectionClose) return;
  app.addHook('onSend', async (request, reply, payload) => {
    if (options.connectionClose) reply.header('connection', 'close');
    const encoding = options.compress;
    if (encoding === 'off' || reply.getHeader('content-encoding') || !accepts(request.headers['accept-encoding'], encoding)) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload; // a stream: sent as it is
    const body = Buffer.isBuffer(payload) ? payload : Buffer.from(payload, 'utf8');
    if (!body.length) return payload;
    reply.header('content-encoding', encoding);
    reply.header('vary', 'Accept-Encoding');
    reply.removeHeader('content-length');
    return ENCODERS[encoding](body);
  });
}
