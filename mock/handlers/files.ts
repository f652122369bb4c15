// uploadFileStream stores the decoded bytes; downloadFileStream gives them back base64-encoded.
import { ok, result } from '../http/errors.js';
import { clientOf, type HandlerContext, type Reply } from './types.js';

/** Files up to 2 MB (seed 000 chapter 8 and the facts). */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** Strict base64: only text that re-encodes to itself (canonical alphabet and padding, no whitespace). */
export function decodeBase64Strict(text: string): Buffer | undefined {
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}

export function uploadFileStream(ctx: HandlerContext<'uploadFileStream'>): Reply<'uploadFileStream'> {
  const client = clientOf(ctx);
  const b = ctx.body;
  if (b.fileStream === '') return ok(result('2', 'fileStream is empty'));
  // Decoded size bound checked on the text first, so a huge body is not decoded for nothing.
  if (Math.floor((b.fileStream.length * 3) / 4) - 2 > MAX_FILE_BYTES) return ok(result('3', 'the file is larger than 2 MB'));
  const bytes = decodeBase64Strict(b.fileStream);
  if (!bytes) return ok(result('3', 'fileStream is not valid base64'));
  if (bytes.length > MAX_FILE_BYTES) return ok(result('3', 'the file is larger than 2 MB'));
  const objectKey = ctx.store.ids.uuid();
  ctx.store.storeFile({ objectKey, owner: client.userId, fileType: b.fileType, bytes });
  return ok(result('0', 'upload success', { objectKey }));
}

export function downloadFileStream(ctx: HandlerContext<'downloadFileStream'>): Reply<'downloadFileStream'> {
  const client = clientOf(ctx);
  const { fileId } = ctx.body;
  // A local file's fileId is "local/" + the objectKey (facts, Messages).
  const key = fileId.startsWith('local/') ? fileId.slice('local/'.length) : fileId;
  const file = ctx.store.files.get(key);
  if (!file) return ok(result('13', `no file "${fileId}"`));
  if (file.owner !== client.userId) return ok(result('401', 'the file belongs to another user'));
  return ok(result('0', 'success', { fileStream: file.bytes.toString('base64') }));
}
