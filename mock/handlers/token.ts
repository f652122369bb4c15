// tokenByAkSk (the API Fabric AccessToken) and applyToken (the client's ccmessaging-token).
import { ok, unauthorized } from '../errors.js';
import { result, type HandlerContext } from './types.js';

/** The document's example lifetime, used when X-Token-Expire is absent. */
const DEFAULT_EXPIRE_S = 600;
/** The ccmessaging-token lives about one hour (facts, Tokens). */
const CLIENT_TOKEN_S = 3600;

export function tokenByAkSk(ctx: HandlerContext) {
  const body = ctx.body as { app_key: string; app_secret: string };
  const { appKey, appSecret } = ctx.options.credentials;
  if (body.app_key !== appKey || body.app_secret !== appSecret) return unauthorized('app_key or app_secret is wrong');
  const header = ctx.headers['x-token-expire'];
  const expires = typeof header === 'string' ? Number(header) : DEFAULT_EXPIRE_S;
  const t = ctx.store.issueFabricToken(appKey, expires);
  // Every value a string, as in the documented example.
  return ok({
    AccessToken: t.token,
    ApplyType: 'Bearer',
    CreateTime: String(Math.floor(t.createdAt / 1000)),
    Expires: String(expires),
    Scope: 'apiaccess ccmessaging',
    AppKey: appKey,
    UserID: 'Anonymous',
  });
}

export function applyToken(ctx: HandlerContext) {
  const body = ctx.body as { userId: string; userName: string; channelId: string; locale: string };
  if (body.userId === '') return ok(result('1', 'userId is empty'));
  if (body.channelId !== ctx.options.credentials.channelConfigId) return ok(result('1', `unknown channelId "${body.channelId}"`));
  const t = ctx.store.issueClientToken({ userId: body.userId, userName: body.userName, channelId: body.channelId, locale: body.locale, appKey: ctx.auth.fabric!.appKey }, CLIENT_TOKEN_S);
  return ok({ token: t.token, resultCode: '0', resultDesc: 'success' });
}
