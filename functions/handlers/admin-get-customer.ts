// Placeholder until the handler lands.
export const handler = async () => ({ statusCode: 501, body: '{"error":{"code":"not_implemented","message":"Not implemented yet."}}' });
