/**
 * Stripe's request encoding: `application/x-www-form-urlencoded` with bracketed keys, as stripe-node
 * writes them (`metadata[invoiceId]=…`, `line_items[0][price_data][currency]=usd`, `expand[]=…`).
 * Objects whose keys are all indexes (or `[]` pushes) become arrays.
 */
export type FormValue = string | FormObject | FormValue[];
export interface FormObject {
  [key: string]: FormValue;
}

export function parseStripeForm(body: string): FormObject {
  const root: FormObject = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const path = keyPath(rawKey);
    if (!path) continue;
    assign(root, path, value);
  }
  return arraysFromIndexes(root) as FormObject;
}

/** `a[b][0][c]` → ['a', 'b', '0', 'c']; `expand[]` → ['expand', '']. Null for a malformed key. */
function keyPath(key: string): string[] | null {
  const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
  if (!match) return null;
  const rest = match[2] ?? '';
  const segments = [...rest.matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1] ?? '');
  return [match[1] ?? '', ...segments];
}

const PUSH = '';

function assign(target: FormObject, path: string[], value: string): void {
  let node: FormObject = target;
  for (let i = 0; i < path.length - 1; i++) {
    let segment = path[i] as string;
    if (segment === PUSH) segment = String(Object.keys(node).length);
    const next = node[segment];
    if (typeof next === 'object' && !Array.isArray(next)) {
      node = next;
    } else {
      const created: FormObject = {};
      node[segment] = created;
      node = created;
    }
  }
  let last = path[path.length - 1] as string;
  if (last === PUSH) last = String(Object.keys(node).length);
  node[last] = value;
}

function arraysFromIndexes(value: FormValue): FormValue {
  if (typeof value === 'string' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const converted: FormObject = {};
  for (const key of keys) converted[key] = arraysFromIndexes(value[key] as FormValue);
  const isList = keys.length > 0 && keys.every((k) => /^\d+$/.test(k));
  if (!isList) return converted;
  return keys
    .map(Number)
    .sort((a, b) => a - b)
    .map((k) => converted[String(k)] as FormValue);
}

/** A canonical string of the parameters, for comparing an idempotent retry with the first request. */
export function canonical(value: FormValue | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
}
