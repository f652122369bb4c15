// File integrity.
import type { Mutation } from '../types.js';
import { on } from './helpers.js';

const reencode = (fileStream: unknown, change: (bytes: Buffer) => Buffer | string): string | undefined => {
  if (typeof fileStream !== 'string') return undefined;
  const out = change(Buffer.from(fileStream, 'base64'));
  return typeof out === 'string' ? out : out.toString('base64');
};

export const FILE_MUTANTS = {
  'file-truncated': {
    area: 'files', seam: 'response',
    rule: 'downloadFileStream gives back the file\'s bytes (seed 000 chapters 8–9)',
    how: 'the downloaded file misses its last byte',
    response: on('downloadFileStream', 200, (b) => {
      const fileStream = reencode(b.fileStream, (bytes) => bytes.subarray(0, Math.max(0, bytes.length - 1)));
      return fileStream === undefined ? undefined : { ...b, fileStream };
    }),
  },
  'file-corrupted': {
    area: 'files', seam: 'response',
    rule: 'downloadFileStream gives back the file\'s bytes (seed 000 chapters 8–9)',
    how: 'one byte in the middle of the downloaded file is flipped (same size)',
    response: on('downloadFileStream', 200, (b) => {
      const fileStream = reencode(b.fileStream, (bytes) => {
        const copy = Buffer.from(bytes);
        if (copy.length) copy[Math.floor(copy.length / 2)] ^= 0x20;
        return copy;
      });
      return fileStream === undefined ? undefined : { ...b, fileStream };
    }),
  },
  'file-base64url': {
    area: 'files', seam: 'response',
    rule: 'fileStream is base64 (seed 000 table 9-2; RFC 4648 section 4 alphabet, padded)',
    how: 'downloadFileStream encodes the file base64url without padding (- and _ instead of + and /)',
    response: on('downloadFileStream', 200, (b) => {
      const fileStream = reencode(b.fileStream, (bytes) => bytes.toString('base64url'));
      return fileStream === undefined || fileStream === b.fileStream ? undefined : { ...b, fileStream };
    }),
  },
  'download-stream-missing': {
    area: 'files', seam: 'response', strength: 'guidance',
    rule: 'downloadFileStream\'s success carries the fileStream (seed 000 table 9-2: fileStream not mandatory)',
    how: 'downloadFileStream answers "0" without fileStream',
    // Only where the answer has a resultCode: a success answered {fileStream} alone (E10, the lenient profile) without
    // its fileStream would break the schema's anyOf (a refuse rule), not this guidance one.
    response: on('downloadFileStream', 200, (b) => {
      if (b.fileStream === undefined || b.resultCode === undefined) return undefined;
      delete b.fileStream;
      return b;
    }),
  },
} satisfies Record<string, Mutation>;
