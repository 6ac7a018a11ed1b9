const encoder = new TextEncoder();

/**
 * Compares a presented secret with an expected one in time that depends only
 * on the expected secret's length, so response timing does not reveal how many
 * leading characters a guess got right. Runtime-neutral (no `node:crypto`).
 */
export function secretsEqual(presented: string, expected: string): boolean {
  const a = encoder.encode(presented);
  const b = encoder.encode(expected);
  let difference = a.length ^ b.length;
  for (let index = 0; index < b.length; index++) {
    // Reading past the end of `a` yields undefined -> 0; the length check above already failed it.
    difference |= (a[index] ?? 0) ^ (b[index] as number);
  }
  return difference === 0;
}

/** The entry of `secrets` equal to `presented`, checking every entry so timing does not tell which matched. */
export function findSecret<T>(
  presented: string,
  secrets: ReadonlyArray<readonly [string, T]>,
): T | undefined {
  let found: T | undefined;
  for (const [secret, value] of secrets) {
    if (secretsEqual(presented, secret) && found === undefined) found = value;
  }
  return found;
}
