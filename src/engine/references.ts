// What the policies reference, collected by compile.ts before the layout: the label keys selectors
// read, the named ports rules name, the CIDRs of ipBlocks and the port cuts (the tiers add theirs in
// tiers/compile-tiers.ts addTierReferences).
import type { AtomCuts } from './port-atoms.ts';

export interface References {
  labelKeys: Set<string>;
  named: Set<string>;
  cidrs: Set<string>;
  cuts: AtomCuts;
}
