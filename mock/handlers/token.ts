// tokenByAkSk (the API Fabric AccessToken) and applyToken (the client's ccmessaging-token).
import { ok, result, unauthorized } from '../http/errors.js';
import { issueClientToken, issueFabricToken } from '../state/tokens.js';
import type { HandlerContext, Reply } from './types.js';

export function tokenByAkSk(ctx: HandlerContext<'tokenByAkSk'>): Reply<'tokenByAkSk'> {
  const { appKey, appSecret } = ctx.options.credentials;
  if (ctx.body.app_key !== appKey || ctx.body.app_secret !== appSecret) return unauthorized('app_key or app_secret is wrong');
  const header = ctx.headers['x-token-expire'];
  const expires = ctx.hooks.tokens.expiresS(typeof header === 'string' ? Number(header) : undefined);
  const t = issueFabricToken(ctx, ctx.faults, appKey, expires);
  // Every value a string, as in the documented example.
  return ok({
    AccessToken: t.token,
    ApplyType: 'Bearer' as const,
    CreateTime: String(Math.floor(t.createdAt / 1000)),
    Expires: String(expires),
    Scope: 'apiaccess ccmessaging',
    AppKey: appKey,
    UserID: 'Anonymous',
  });
}

export function applyToken(ctx: HandlerContext<'applyToken'>): Reply<'applyToken'> {
  const b = ctx.body;
  if (b.userId === '') return ok(result('1', 'userId is empty'));
  if (b.channelId !== ctx.options.credentials.channelConfigId) return ok(result('1', `unknown channelId "${b.channelId}"`));
  const t = issueClientToken(ctx, ctx.faults, { userId: b.userId, userName: b.userName, channelId: b.channelId, locale: b.locale, appKey: ctx.auth.fabric!.appKey });
  return ok({ token: t.token, resultCode: '0', resultDesc: 'success' });
}
