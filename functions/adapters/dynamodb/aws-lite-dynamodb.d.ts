// @aws-lite/dynamodb ships no types of its own; TableClient types the few calls it makes.
declare module '@aws-lite/dynamodb' {
  const plugin: Record<string, unknown>;
  export default plugin;
}
