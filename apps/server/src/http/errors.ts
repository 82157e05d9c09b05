import { AppError, type FieldIssue } from '@spaflow/domain';
import type { FastifyError, FastifyInstance } from 'fastify';
import { isPageAddress, sendNotFoundPage } from './web.routes.js';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

/** Fastify's own refusals, by its error code, as ours. */
const FASTIFY_CODES: Record<string, () => AppError> = {
  FST_ERR_CTP_BODY_TOO_LARGE: () => new AppError('payload_too_large', 'The request body is larger than 64 KiB.'),
  FST_ERR_CTP_INVALID_JSON_BODY: () => new AppError('validation_failed', 'The request body is not valid JSON.'),
  FST_ERR_CTP_EMPTY_JSON_BODY: () =>
    new AppError('validation_failed', 'The request body is empty; send a JSON object.'),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () =>
    new AppError('validation_failed', 'Send the body as JSON (Content-Type: application/json).'),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () =>
    new AppError('validation_failed', 'The Content-Length does not match the body.'),
};

function toAppError(error: FastifyError): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues: FieldIssue[] = error.validation.map((issue) => ({
      path: [error.validationContext, ...issue.instancePath.split('/').filter(Boolean)].filter(Boolean).join('.'),
      message: issue.message ?? 'invalid',
    }));
    const summary = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
    return new AppError('validation_failed', `The request is not valid: ${summary}`, issues);
  }
  const known = FASTIFY_CODES[error.code];
  if (known) return known();
  if (error instanceof SyntaxError || error.statusCode === 400) {
    return new AppError('validation_failed', 'The request is not valid JSON.');
  }
  if (error.statusCode === 413) return new AppError('payload_too_large', 'The request body is too large.');
  if (error.statusCode === 429) return new AppError('rate_limited', 'Too many requests. Wait a moment and try again.');
  return new AppError('internal_error', 'Something went wrong on our side. Nothing was changed; try again.');
}

/** Every error leaves the server in one shape, `{error:{code,message}}`, with the status its code names. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler<FastifyError>((error, request, reply) => {
    const appError = toAppError(error);
    if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
    return reply.status(appError.status).send(appError.toBody());
  });
}

/**
 * Unknown addresses: a mistyped page address gets the web app (when it is served), which shows its own
 * not-found page with status 404; everything else, the API above all, the JSON 404.
 */
export function registerNotFound(app: FastifyInstance, webAppServed: boolean): void {
  app.setNotFoundHandler((request, reply) => {
    if (webAppServed && isPageAddress(request)) return sendNotFoundPage(reply);
    const error = new AppError('not_found', `There is no ${request.method} ${request.url.split('?')[0]}.`);
    return reply.status(error.status).send(error.toBody());
  });
}
