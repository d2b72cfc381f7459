// resourceVersions are opaque to clients in general (API concepts: "clients must not assume
// resource versions are numeric"), but etcd's are increasing integers: within one list + watch, a
// lower one than already seen means the server's history was reset under us (an etcd restore, a
// lagging HA API server). Non-numeric versions are never compared.

const numeric = (rv: string): bigint | undefined => (/^\d{1,30}$/.test(rv) ? BigInt(rv) : undefined);

export class VersionGuard {
  private highest: bigint | undefined;

  /** A fresh list: its resourceVersion is the new floor. */
  reset(rv: string): void {
    this.highest = numeric(rv);
  }

  /** Records `rv`; the reason to re-list when it is lower than one already seen. */
  check(rv: string | undefined): string | undefined {
    const n = rv === undefined ? undefined : numeric(rv);
    if (n === undefined) return undefined;
    if (this.highest !== undefined && n < this.highest)
      return `resourceVersion ${rv} is lower than ${this.highest} seen before (the server's history was reset)`;
    this.highest = n;
    return undefined;
  }
}
