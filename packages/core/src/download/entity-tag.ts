/** True if an If-None-Match header names the entity tag `"<sha256>"` (or is `*`). */
export function matchesEntityTag(ifNoneMatch: string | undefined, sha256: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(",")
    .map((tag) => tag.trim().replace(/^W\//, ""))
    .some((tag) => tag === "*" || tag === `"${sha256}"`);
}
