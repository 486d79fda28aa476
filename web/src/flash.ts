/**
 * A one-time message carried across a navigation ("Customer created."), shown by the next page in its
 * live region and then forgotten.
 */
let pending: string | undefined;

export function flash(message: string): void {
  pending = message;
}

export function takeFlash(): string | undefined {
  const message = pending;
  pending = undefined;
  return message;
}
