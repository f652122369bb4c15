// @e2e: a file goes up and comes back down byte for byte.
import { test, expect, ops } from '../../fixtures/index.js';
import { binaryFile, decodeBase64Strict, textFile, tinyPng } from '../../fixtures/builders.js';
import { json } from '../../fixtures/client.js';
import { RULES } from '../../fixtures/business-rules.js';
import { judge } from '../../fixtures/verdicts.js';

test.describe('file round trip', () => {
  for (const kind of ['text', 'image', 'binary'] as const) {
    test(`upload then download of a ${kind} file is byte-identical, in standard base64`, {
      tag: ['@e2e', '@health'],
      annotation: ops('uploadFileStream', 'downloadFileStream'),
    }, async ({ customer, faker }) => {
      const file = kind === 'text' ? textFile(faker, 40) : kind === 'image' ? tinyPng(faker) : binaryFile(faker);
      const up = await customer.api.uploadFileStream({ fileType: file.fileType, fileStream: file.bytes.toString('base64'), channel: 'WEB' });
      await expect(up).toSucceed();
      const { objectKey } = await json<{ objectKey?: string }>(up);
      if (!await judge(RULES.objectKey, () => expect(objectKey, 'objectKey').toBeTruthy())) return;

      const down = await customer.api.downloadFileStream({ fileId: objectKey!, channel: 'WEB', fileType: file.fileType });
      await expect(down).toSucceed();
      const { fileStream } = await json<{ fileStream?: string }>(down);
      if (!await judge(RULES.fileStream, () => expect(typeof fileStream, 'fileStream is present').toBe('string'))) return;
      await judge(RULES.sameBytes, () => {
        const bytes = decodeBase64Strict(fileStream!);
        expect(bytes.length, 'same size').toBe(file.bytes.length);
        expect(bytes.equals(file.bytes), 'same bytes').toBe(true);
      });
    });
  }
});
