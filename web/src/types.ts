// The REST answers the dashboard reads (a subset of openapi/netreach.yaml's schemas).
export interface DataplaneSummary { plugin: string; name: string; enforcement: 'enforced' | 'not-enforced' | 'unknown'; source: string }
export interface SnapshotSummary { id: number; takenAt: string; source: string; counts: Record<string, number>; dataplane?: DataplaneSummary }
export interface GroupMatrix { port: number; protocol: string; groupBy: 'workload' | 'namespace'; groups: string[]; rows: string[]; enforced?: boolean | null; unknownReason?: string }
export interface PodMatrix { port: number; protocol: string; pods: string[]; rows: string[]; unknownReason?: string }
export interface Labels { [k: string]: string }
export interface OwnerRef { kind: string; name: string; controller?: boolean }
export interface PodObject { namespace: string; name: string; labels: Labels; containerPorts: { name?: string; containerPort: number; protocol: string }[]; ownerReferences: OwnerRef[] }
export interface WorkloadObject { kind: string; namespace: string; name: string; ownerReferences: OwnerRef[] }
export interface PolicyObject { namespace: string; name: string; podSelector: unknown; policyTypes: string[] }
export interface Objects { namespaces: { name: string; labels: Labels }[]; pods: PodObject[]; workloads: WorkloadObject[]; policies: PolicyObject[] }
export interface Exposure { snapshot: number; pods: { pod: string; from: { cidrs: string[]; ports: Record<string, [number, number][]> }[] }[] }
export interface PodPolicies {
  pod: string;
  isolated: { ingress: boolean; egress: boolean };
  selectedBy: { ingress: string[]; egress: string[] };
  peerOf: { policy: string; direction: string; rule: number; via: string; ports: Record<string, [number, number][]>; namedPorts: string[] }[];
}
export interface RuleSummary { isolatedBy: string[]; allowedBy: { policy: string; direction: string; rule: number }[] }
export interface ImpactFlow { from: string; to: string; protocol: string; ports: [number, number][]; before: { allowed: boolean; egress: RuleSummary; ingress: RuleSummary }; after: { allowed: boolean; egress: RuleSummary; ingress: RuleSummary } }
export interface ImpactAnswer {
  summary: { lost: number; gained: number; changedPolicies: string[]; addedEndpoints: string[]; removedEndpoints: string[] };
  lost: ImpactFlow[];
  gained: ImpactFlow[];
  diagnostics: { severity: string; code: string; message: string }[];
}
