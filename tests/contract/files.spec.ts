// @contract: upload and download of a customer's file.
import { test, expect, ops, type Schemas } from '../../fixtures/index.js';
import { binaryFile, decodeBase64Strict, tinyPng } from '../../fixtures/builders.js';
import { json } from '../../fixtures/client.js';
import { RULES } from '../../fixtures/business-rules.js';
import { judge } from '../../fixtures/verdicts.js';

type Upload = Schemas['UploadFileResponse'];
type Download = Schemas['DownloadFileResponse'];

test.describe('files', () => {
  test('uploadFileStream stores a file and answers its objectKey', {
    tag: ['@contract', '@health'],
    annotation: ops('uploadFileStream'),
  }, async ({ customer, faker }) => {
    const file = tinyPng(faker);
    const response = await customer.api.uploadFileStream({ fileType: file.fileType, fileStream: file.bytes.toString('base64'), channel: 'WEB' });
    const body = await json<Upload>(response);
    expect(body.resultCode ?? body.returnCode, 'resultCode (or returnCode, E3)').toBe('0');
    await judge(RULES.objectKey, () => expect(typeof body.objectKey === 'string' && body.objectKey.length > 0, 'objectKey is a non-empty string').toBe(true));
  });

  test('downloadFileStream gives back an uploaded file', {
    tag: ['@contract', '@health'],
    annotation: ops('downloadFileStream', 'uploadFileStream'),
  }, async ({ customer, faker }) => {
    const file = binaryFile(faker, 512);
    const up = await json<Upload>(await customer.api.uploadFileStream({ fileType: file.fileType, fileStream: file.bytes.toString('base64'), channel: 'WEB' }));
    if (!await judge(RULES.objectKey, () => expect(up.objectKey, 'objectKey').toBeTruthy())) return;
    const response = await customer.api.downloadFileStream({ fileId: up.objectKey!, channel: 'WEB', fileType: file.fileType });
    const body = await json<Download>(response);
    if (body.resultCode !== undefined) expect(body.resultCode).toBe('0');
    if (!await judge(RULES.fileStream, () => expect(typeof body.fileStream, 'fileStream is present').toBe('string'))) return;
    await judge(RULES.sameBytes, () => expect(decodeBase64Strict(body.fileStream!).equals(file.bytes), 'the uploaded bytes, in standard base64').toBe(true));
  });
});
