import type { ErrorBody, PaymentIntent } from './objects.js';

/**
 * An error answer in Stripe's shape. `saved` says whether Stripe's idempotency layer keeps it for
 * replay: it does once the endpoint has started executing (a card decline), not for a request that
 * failed validation or never got that far.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
    readonly saved: boolean,
  ) {
    super(body.error.message);
  }

  static invalidRequest(message: string, param?: string, code?: string): ApiError {
    return new ApiError(400, { error: { type: 'invalid_request_error', message, ...(param && { param }), ...(code && { code }) } }, false);
  }

  /**
   * A request Stripe understood but will not carry out because of the object's state (a charge
   * already refunded, a session no longer open). The endpoint has started executing by then, so the
   * answer is saved for the idempotency key and replayed, as Stripe does.
   */
  static refused(message: string, options: { code?: string; param?: string } = {}): ApiError {
    return new ApiError(
      400,
      { error: { type: 'invalid_request_error', message, ...(options.param && { param: options.param }), ...(options.code && { code: options.code }) } },
      true,
    );
  }

  static missing(kind: string, id: string, param = 'id'): ApiError {
    return new ApiError(
      404,
      { error: { type: 'invalid_request_error', code: 'resource_missing', message: `No such ${kind}: '${id}'`, param } },
      false,
    );
  }

  static card(input: { code: string; declineCode: string; message: string; chargeId?: string; paymentIntent?: PaymentIntent }): ApiError {
    return new ApiError(
      402,
      {
        error: {
          type: 'card_error',
          code: input.code,
          decline_code: input.declineCode,
          message: input.message,
          doc_url: `https://stripe.com/docs/error-codes/${input.code.replaceAll('_', '-')}`,
          ...(input.chargeId && { charge: input.chargeId }),
          ...(input.paymentIntent && { payment_intent: input.paymentIntent }),
        },
      },
      true,
    );
  }

  static idempotencyMismatch(key: string): ApiError {
    return new ApiError(
      400,
      {
        error: {
          type: 'idempotency_error',
          message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
        },
      },
      false,
    );
  }

  static keyInUse(): ApiError {
    return new ApiError(
      409,
      {
        error: {
          type: 'invalid_request_error',
          code: 'idempotency_key_in_use',
          message: 'There is currently another in-progress request using this idempotency key. Please try again later.',
        },
      },
      false,
    );
  }

  static rateLimited(): ApiError {
    return new ApiError(
      429,
      { error: { type: 'invalid_request_error', code: 'rate_limit', message: 'Too many requests hit the API too quickly.' } },
      false,
    );
  }

  static internal(): ApiError {
    return new ApiError(500, { error: { type: 'api_error', message: 'An unknown error occurred (sandbox fault).' } }, false);
  }
}
