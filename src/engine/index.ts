// The engine's public surface. Pure: snapshot values in, verdict values out; no I/O, no clock.
export { compile } from './compile.ts';
export { check } from './check.ts';
export { reachablePorts } from './reachable.ts';
export { matrix, classMatrix, type ClassMatrix } from './matrix.ts';
export { allPortsMatrix, allPortsRow, portSetTable, type AllPortsMatrix, type PortSetTable } from './all-ports.ts';
export { EngineError, type EngineErrorCode } from './errors.ts';
export type { CompiledSnapshot, CompiledPolicy, CompiledRule, EndpointInfo, EndpointClass } from './compiled.ts';
export type * from './verdict.ts';
export { impact, type ImpactGroup, type ImpactResult } from './impact.ts';
export type { OutsideImpactGroup } from './impact-outside.ts';
export { connections } from './connections.ts';
