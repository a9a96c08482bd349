import type { Request, Response } from 'express';
import type { Actor } from '../common/domain/actor.js';
import type { WebSession } from '../identity/sessions.service.js';

export const SESSION_COOKIE = 'pledge_session';

export interface WebRequest extends Request {
  webSession?: WebSession;
  actor?: Actor;
  client?: 'ui';
}

export interface WebResponse extends Response {
  locals: Response['locals'] & { cspNonce: string };
}
