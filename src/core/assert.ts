/**
 * Exhaustiveness check for discriminated unions: every `switch` over a union ends here, so adding
 * a member without handling it is a type error, and reaching it at run time is a bug.
 */
export function assertNever(value: never, what = "value"): never {
  throw new Error(`unhandled ${what}: ${JSON.stringify(value)}`);
}
