import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ChangePasswordBody, LogInBody, PasswordResetConfirmBody, PasswordResetRequestBody, SignUpBody, TokenBody, UpdateProfileBody, UserResponse,
} from '../../contracts/accounts.ts';
import { destroySession, sessionCookieName, sessionLifetimeMs } from '../platform/auth.ts';
import type { Deps } from '../platform/deps.ts';
import { route } from '../platform/http/route.ts';
import { changePassword } from './change-password.ts';
import { deviceTokenOf, logIn, rememberDevice } from './log-in.ts';
import { getUser } from './repository.ts';
import { requestPasswordReset } from './request-password-reset.ts';
import { resendVerification } from './resend-verification.ts';
import { resetPassword } from './reset-password.ts';
import { signUp } from './sign-up.ts';
import { updateProfile } from './update-profile.ts';
import { verifyEmail } from './verify-email.ts';
import { requireRole } from '../platform/auth.ts';

const tags = ['Accounts'];
const authLimit = { max: 30, timeWindow: '1 minute' };

function clientMeta(req: FastifyRequest) {
  return { userAgent: req.headers['user-agent'], ip: req.ip };
}

/** Sets the session cookie: httpOnly, SameSite=Lax, Secure whenever we are served over https. */
export function setSessionCookie(deps: Deps, reply: FastifyReply, secret: string) {
  reply.setCookie(sessionCookieName, secret, {
    path: '/', httpOnly: true, sameSite: 'lax', secure: deps.config.publicUrl.startsWith('https:'), maxAge: Math.floor(sessionLifetimeMs / 1000),
  });
}

/**
 * The device cookie: which browser this is, so that its owner can sign in while others' failed tries are throttled
 * (see log-in.ts). Sent only to the sign-in route, kept a year, never readable by scripts.
 */
const deviceCookieName = 'invigil_device';
function setDeviceCookie(deps: Deps, reply: FastifyReply, token: string) {
  reply.setCookie(deviceCookieName, token, {
    path: '/api/v1/auth/login', httpOnly: true, sameSite: 'strict', secure: deps.config.publicUrl.startsWith('https:'), maxAge: 365 * 86_400,
  });
}

/** Account routes: sign-up, verification, sign-in/out, password reset, the user's own profile. */
export function accountRoutes(deps: Deps) {
  return [
    route({
      method: 'POST', url: '/api/v1/auth/signup', summary: 'Create a candidate account (signs it in and emails a verification link)', tags, access: 'public',
      body: SignUpBody, response: { status: 201, schema: UserResponse }, rateLimit: authLimit,
      handler: async ({ body, req, reply }) => {
        const { user, sessionSecret } = await signUp(deps, body, clientMeta(req));
        setSessionCookie(deps, reply, sessionSecret);
        setDeviceCookie(deps, reply, await rememberDevice(deps, user.id, deviceTokenOf(req.cookies[deviceCookieName])));
        return { user };
      },
    }),
    route({
      method: 'POST', url: '/api/v1/auth/login', summary: 'Sign in with email and password', tags, access: 'public',
      body: LogInBody, response: { status: 200, schema: UserResponse }, rateLimit: authLimit,
      handler: async ({ body, req, reply }) => {
        const { user, sessionSecret, deviceToken } = await logIn(deps, body, { ...clientMeta(req), deviceToken: deviceTokenOf(req.cookies[deviceCookieName]) });
        setSessionCookie(deps, reply, sessionSecret);
        setDeviceCookie(deps, reply, deviceToken);
        return { user };
      },
    }),
    route({
      method: 'POST', url: '/api/v1/auth/logout', summary: 'Sign out (ends this session)', tags, access: 'public',
      response: { status: 204 },
      handler: async ({ req, reply }) => {
        const secret = req.cookies[sessionCookieName];
        if (secret) await destroySession(deps, secret);
        reply.clearCookie(sessionCookieName, { path: '/' });
      },
    }),
    route({
      method: 'POST', url: '/api/v1/auth/verify-email', summary: 'Confirm an email address with the token from the verification link', tags, access: 'public',
      body: TokenBody, response: { status: 200, schema: UserResponse }, rateLimit: authLimit,
      handler: async ({ body }) => ({ user: await verifyEmail(deps, body.token) }),
    }),
    route({
      method: 'POST', url: '/api/v1/auth/resend-verification', summary: 'Email a new verification link to the signed-in user', tags, access: [],
      response: { status: 202 },
      handler: async ({ principal }) => resendVerification(deps, principal),
    }),
    route({
      method: 'POST', url: '/api/v1/auth/password-reset/request', summary: 'Email a password-reset link (answers 202 whether or not the account exists)', tags, access: 'public',
      body: PasswordResetRequestBody, response: { status: 202 }, rateLimit: authLimit,
      handler: async ({ body }) => requestPasswordReset(deps, body),
    }),
    route({
      method: 'POST', url: '/api/v1/auth/password-reset/confirm', summary: 'Set a new password with the token from a reset or invitation link', tags, access: 'public',
      body: PasswordResetConfirmBody, response: { status: 204 }, rateLimit: authLimit,
      handler: async ({ body }) => resetPassword(deps, body),
    }),
    route({
      method: 'GET', url: '/api/v1/me', summary: 'The signed-in user', tags, access: [],
      response: { status: 200, schema: UserResponse },
      handler: async ({ principal }) => ({ user: await getUser(deps.db, requireRole(principal, []).userId) }),
    }),
    route({
      method: 'PATCH', url: '/api/v1/me', summary: 'Update your legal name, time zone or language', tags, access: [],
      body: UpdateProfileBody, response: { status: 200, schema: UserResponse },
      handler: async ({ principal, body }) => ({ user: await updateProfile(deps, principal, body) }),
    }),
    route({
      method: 'POST', url: '/api/v1/me/password', summary: 'Change your password (ends your other sessions)', tags, access: [],
      body: ChangePasswordBody, response: { status: 204 }, rateLimit: authLimit,
      handler: async ({ principal, body }) => changePassword(deps, principal, body),
    }),
  ];
}
