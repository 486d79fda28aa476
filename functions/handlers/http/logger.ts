import { Logger } from '@aws-lambda-powertools/logger';

/**
 * One structured logger per function. It logs no request bodies, tokens or personal data: handlers log
 * ids and outcomes only.
 */
export const logger = new Logger({ serviceName: process.env['POWERTOOLS_SERVICE_NAME'] ?? 'billing' });
