/**
 * DynamoDB's request units, as on-demand mode bills them (docs.aws.amazon.com/amazondynamodb/latest/
 * developerguide/read-write-operations.html, .../transaction-apis.html#transaction-capacity-handling):
 * a write is 1 unit per KB of the item, rounded up per item, a transactional write twice that; each
 * global secondary index that holds the item is written too. A read is 1 unit per 4 KB (half for an
 * eventually consistent read, twice for a transactional one).
 *
 * DynamoDB Local answers ReturnConsumedCapacity right for reads and single writes (checked against
 * these rules), but not for transactions (it reports twice the rule) and not at all for a write whose
 * condition failed, which AWS still bills: those are computed here from the item sizes.
 */

type AttributeValue =
  | { S: string } | { N: string } | { B: Uint8Array } | { BOOL: boolean } | { NULL: true }
  | { L: AttributeValue[] } | { M: Record<string, AttributeValue> } | { SS: string[] } | { NS: string[] } | { BS: Uint8Array[] };

const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

/** A number's size: one byte per two significant digits (leading and trailing zeros trimmed), plus one. */
const numberSize = (n: string) => Math.ceil(n.split(/[eE]/)[0]!.replace(/[^0-9]/g, '').replace(/^0+|0+$/g, '').length / 2) + 1;

function valueSize(value: AttributeValue): number {
  if ('S' in value) return utf8(value.S);
  if ('N' in value) return numberSize(value.N);
  if ('B' in value) return value.B.byteLength;
  if ('BOOL' in value || 'NULL' in value) return 1;
  if ('SS' in value) return value.SS.reduce((sum, s) => sum + utf8(s), 0);
  if ('NS' in value) return value.NS.reduce((sum, n) => sum + numberSize(n), 0);
  if ('BS' in value) return value.BS.reduce((sum, b) => sum + b.byteLength, 0);
  // Lists and maps: 3 bytes, and 1 byte per element besides the elements themselves.
  if ('L' in value) return 3 + value.L.reduce((sum, v) => sum + 1 + valueSize(v), 0);
  return 3 + Object.entries(value.M).reduce((sum, [name, v]) => sum + 1 + utf8(name) + valueSize(v), 0);
}

/** An item's size in bytes as DynamoDB counts it: attribute names and values. */
export function itemSize(item: Record<string, AttributeValue>): number {
  return Object.entries(item).reduce((sum, [name, value]) => sum + utf8(name) + valueSize(value), 0);
}

/** The global secondary indexes (GSI1…GSI3, local/table.ts) an item is in: those whose two key attributes it has. */
export function indexesHolding(item: Record<string, unknown>): number {
  return ['GSI1', 'GSI2', 'GSI3'].filter((gsi) => `${gsi}PK` in item && `${gsi}SK` in item).length;
}

export const writeUnits = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));
export const readUnits = (bytes: number, consistency: 'eventual' | 'strong' | 'transactional') =>
  Math.max(1, Math.ceil(bytes / 4096)) * (consistency === 'eventual' ? 0.5 : consistency === 'strong' ? 1 : 2);

/** One action of a TransactWriteItems, in the SDK's marshalled form. */
type TransactAction = {
  Put?: { Item: Record<string, AttributeValue> };
  Update?: { Key: Record<string, AttributeValue> };
  Delete?: { Key: Record<string, AttributeValue> };
  ConditionCheck?: { Key: Record<string, AttributeValue> };
};

/**
 * The write units of a TransactWriteItems: 2 per KB of each item written; the item's indexes once per
 * KB (their writes follow the commit). An update or delete is sized from what we last saw of the item
 * (`known`), else as one unit; a condition check as one unit.
 */
export function transactionWriteUnits(actions: readonly TransactAction[], known: (key: string) => { size: number; indexes: number } | undefined): number {
  let units = 0;
  for (const action of actions) {
    if (action.Put) {
      const size = itemSize(action.Put.Item);
      units += 2 * writeUnits(size) + indexesHolding(action.Put.Item) * writeUnits(size);
      continue;
    }
    const key = action.Update?.Key ?? action.Delete?.Key ?? action.ConditionCheck?.Key;
    const seen = key && !action.ConditionCheck ? known(keyOf(key)) : undefined;
    units += 2 * writeUnits(seen?.size ?? 1) + (seen ? seen.indexes * writeUnits(seen.size) : 0);
  }
  return units;
}

/** `PK|SK` of a marshalled key or item. */
export function keyOf(item: Record<string, AttributeValue>): string {
  const pk = item['PK'];
  const sk = item['SK'];
  return `${pk && 'S' in pk ? pk.S : ''}|${sk && 'S' in sk ? sk.S : ''}`;
}

export type { AttributeValue, TransactAction };
