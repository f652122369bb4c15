// uploadFileStream and downloadFileStream: byte-identical round trips and the documented result codes.
import { expect, test } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { decodeBase64Strict, MAX_FILE_BYTES } from '../../mock/handlers/files.js';
import { call, customer, mockApp, type App, type Customer } from './helpers.js';

const upload = (app: App, c: Customer, fileStream: string, fileType = 'jpg') =>
  call(app, 'uploadFileStream', { headers: c.headers, body: { fileType, channel: 'WEB', fileStream } });
const download = (app: App, c: Customer, fileId: string) =>
  call(app, 'downloadFileStream', { headers: c.headers, body: { fileId, channel: 'WEB', fileType: 'jpg' } });

test.describe('files', () => {
  test('upload then download gives the same bytes, by objectKey and by "local/" + objectKey', async () => {
    const app = await mockApp();
    const c = await customer(app, 'u1');
    for (const bytes of [randomBytes(1), randomBytes(300_000), Buffer.from([0, 255, 0, 128])]) {
      const up = await upload(app, c, bytes.toString('base64'));
      expect(up.body.resultCode).toBe('0');
      expect(up.body.objectKey).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      for (const fileId of [up.body.objectKey, `local/${up.body.objectKey}`]) {
        const down = await download(app, c, fileId);
        expect(down.body.resultCode).toBe('0');
        expect(Buffer.from(down.body.fileStream, 'base64').equals(bytes)).toBe(true);
      }
    }
  });

  test('exactly 2 MB is accepted; one byte more → "3"', async () => {
    const app = await mockApp();
    const c = await customer(app, 'u1');
    const max = randomBytes(MAX_FILE_BYTES);
    const up = await upload(app, c, max.toString('base64'), 'mp4');
    expect(up.body.resultCode).toBe('0');
    const down = await download(app, c, up.body.objectKey);
    expect(Buffer.from(down.body.fileStream, 'base64').equals(max)).toBe(true);
    expect((await upload(app, c, randomBytes(MAX_FILE_BYTES + 1).toString('base64'), 'mp4')).body.resultCode).toBe('3');
  });

  test('undecodable base64 → "3" (the document\'s own excerpt, whitespace, URL alphabet, missing padding)', async () => {
    const app = await mockApp();
    const c = await customer(app, 'u1');
    const documented = '/9j/4AAQSkZJRgABAQEAYABgAAD/2wBDAAMCAgMCAgMDAwMEAwMEBQgFBQQEBQoHBwYIp3+7j8a/PP/gqXP5/7QXh9tu3/Alpi34z/ANPV3SpXfxCP/9k=';
    for (const s of [documented, 'aGVs bG8=', 'aGVsbG8', '-_-_', '====', 'aGVsbG8=\n']) {
      expect((await upload(app, c, s)).body.resultCode, JSON.stringify(s)).toBe('3');
    }
    expect(app.mock.store.files.size).toBe(0);
  });

  test('a fileType outside the documented list → "3"; an empty fileStream → "2"', async () => {
    const app = await mockApp();
    const c = await customer(app, 'u1');
    for (const t of ['exe', 'JPG', 'gif']) expect((await upload(app, c, 'aGVsbG8=', t)).body.resultCode, t).toBe('3');
    for (const t of ['jpg', 'png', 'bpm', 'bmp', 'mp3', 'aac', 'mp4', 'txt', 'csv']) expect((await upload(app, c, 'aGVsbG8=', t)).body.resultCode, t).toBe('0');
    expect((await upload(app, c, '')).body.resultCode).toBe('2');
  });

  test('an unknown fileId → "13"', async () => {
    const app = await mockApp();
    const c = await customer(app, 'u1');
    for (const id of ['nope', 'local/nope', 'local/']) expect((await download(app, c, id)).body.resultCode, id).toBe('13');
  });

  test('uploads are capped: the oldest file goes first', async () => {
    const app = await mockApp({ limits: { maxFiles: 2 } });
    const c = await customer(app, 'u1');
    const keys: string[] = [];
    for (const s of ['YQ==', 'Yg==', 'Yw==']) keys.push((await upload(app, c, s, 'txt')).body.objectKey);
    expect((await download(app, c, keys[0])).body.resultCode).toBe('13');
    expect((await download(app, c, keys[2])).body.fileStream).toBe('Yw==');
  });

  test('decodeBase64Strict accepts only canonical base64', () => {
    expect(decodeBase64Strict('aGVsbG8=')?.toString()).toBe('hello');
    expect(decodeBase64Strict('')?.length).toBe(0);
    expect(decodeBase64Strict('aGVsbG9=')).toBeUndefined(); // non-zero padding bits
    expect(decodeBase64Strict('aGVsbG8')).toBeUndefined();
  });
});
