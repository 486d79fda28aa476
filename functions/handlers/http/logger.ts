import { Logger } from '@aws-lambda-powertools/logger';

/**
 * One structured logger per function (its service name comes from POWERTOOLS_SERVICE_NAME, which the
 * stack and the local runtime set). It logs no request bodies, tokens or personal data: handlers log
 * ids and outcomes only.
 */
export const logger = new Logger();
