// The one table of answer kinds and the formats each offers. Every door renders through it: the CLI
// takes `-o` from it (cli/args.ts parseOutput), REST its Accept-negotiated format (api/http/answer.ts),
// and gRPC's parity tests compare against a presenter's `body`. Adding a format to a kind here gives
// it to every door.
import type { ConnectionsResult } from '../engine/connections.ts';
import type { MatrixResult } from '../engine/index.ts';
import type { Diagnostic } from '../model/diagnostics.ts';
import type { AssertionResult } from '../query/assertions/evaluate.ts';
import { connectionsJson } from '../query/connections.ts';
import type { DataplaneReport } from '../query/dataplane.ts';
import type { ExposureResult } from '../query/exposure.ts';
import type { FixAnswer } from '../query/fix.ts';
import type { GroupMatrixResult } from '../query/group-matrix.ts';
import type { SnapshotDiffAnswer } from '../query/history/diff.ts';
import type { FlowHistoryAnswer } from '../query/history/flow-history.ts';
import type { ImpactAnswer } from '../query/impact.ts';
import type { Origins } from '../query/origins.ts';
import { type PluginContext, pluginJson } from '../query/plugin-context.ts';
import type { PodPoliciesResult } from '../query/pod-policies.ts';
import type { CheckAnswer } from '../query/queries.ts';
import type { PortsJson } from '../query/answered.ts';
import { type LintJson, lintMarkdown, lintText, matrixMarkdown, portsMarkdown, portsText } from './answers.ts';
import { renderAssertionsMarkdown } from './assertions-markdown.ts';
import { renderAssertionsText } from './assertions-text.ts';
import { impactFindings, lintFindings } from './ci-findings.ts';
import { renderCniMarkdown } from './cni-markdown.ts';
import { renderCniText } from './cni-text.ts';
import { renderConnectionsCsv } from './connections-csv.ts';
import { renderConnectionsDot } from './connections-dot.ts';
import { renderConnectionsJson } from './connections-json.ts';
import { renderConnectionsMd } from './connections-md.ts';
import { renderConnectionsTxt } from './connections-txt.ts';
import { renderDiagnosticsText } from './diagnostics-text.ts';
import { renderFixMarkdown } from './fix-markdown.ts';
import { renderFixText } from './fix-text.ts';
import { renderFixYaml } from './fix-yaml.ts';
import { renderGithubAnnotations } from './github-annotations.ts';
import { renderGroupMatrixCsv, renderGroupMatrixText } from './group-matrix-text.ts';
import { renderDiffMarkdown, renderDiffText, renderHistoryMarkdown, renderHistoryText } from './history-text.ts';
import { renderImpactMarkdown } from './impact-markdown.ts';
import { renderImpactText } from './impact-text.ts';
import { renderJunit } from './junit.ts';
import { renderMatrixCsv } from './matrix-csv.ts';
import { renderMatrixText } from './matrix-text.ts';
import { renderPathsMarkdown } from './paths-markdown.ts';
import { renderPathsText } from './paths-text.ts';
import { exposureMarkdown, exposureText, podPoliciesMarkdown, podPoliciesText } from './pod-answers.ts';
import { type Presenter, presenter } from './presenter.ts';
import { renderSarif } from './sarif.ts';
import { renderVerdictMarkdown } from './verdict-markdown.ts';
import { renderVerdictText } from './verdict-text.ts';

/** An impact answer and where each side's objects were read from (file:line in SARIF and annotations). */
export interface ImpactView {
  readonly answer: ImpactAnswer;
  readonly origins?: { readonly base?: Origins; readonly head?: Origins };
}

/** The keys every answer but a Verdict gains from its plugin (additive: existing keys stay as they were). */
function withPlugin<T extends object>(value: T, plugin: PluginContext | undefined): T | (T & ReturnType<typeof pluginJson>) {
  return plugin ? { ...value, ...pluginJson(plugin) } : value;
}

/** A matrix is one line per row: its JSON is written compact. */
const compact =
  (body: (a: { value: MatrixResult | GroupMatrixResult; plugin?: PluginContext }) => unknown) =>
  (a: { value: MatrixResult | GroupMatrixResult; plugin?: PluginContext }) =>
    JSON.stringify(body(a));
const matrixBody = ({ value, plugin }: { value: MatrixResult | GroupMatrixResult; plugin?: PluginContext }) => withPlugin(value, plugin);
const matrixTitle = (m: MatrixResult | GroupMatrixResult) => `${m.protocol}/${m.port}`;

const check = presenter<CheckAnswer>(({ value: a, plugin }) => (a.kind === 'verdict' ? a.verdict : withPlugin(a.answer, plugin)), {
  text: ({ value: a, plugin }) => (a.kind === 'verdict' ? renderVerdictText(a.verdict) : renderPathsText(a.answer, plugin)),
  markdown: ({ value: a, plugin }) => (a.kind === 'verdict' ? renderVerdictMarkdown(a.verdict) : renderPathsMarkdown(a.answer, plugin)),
});

const ports = presenter<PortsJson>(({ value, plugin }) => withPlugin(value, plugin), {
  text: ({ value, plugin }, o) => portsText(value, plugin, o.standalone),
  markdown: ({ value, plugin }) => portsMarkdown(value, plugin),
});

const matrix = presenter<MatrixResult>(matrixBody, {
  json: compact(matrixBody),
  text: ({ value, plugin }) => renderMatrixText(value, plugin),
  csv: ({ value, plugin }) => renderMatrixCsv(value, plugin),
  markdown: ({ value, plugin }) => matrixMarkdown(matrixTitle(value), renderMatrixText(value, plugin)),
});

const groupMatrix = presenter<GroupMatrixResult>(matrixBody, {
  json: compact(matrixBody),
  text: ({ value, plugin }) => renderGroupMatrixText(value, plugin),
  csv: ({ value, plugin }) => renderGroupMatrixCsv(value, plugin),
  markdown: ({ value, plugin }) => matrixMarkdown(matrixTitle(value), renderGroupMatrixText(value, plugin)),
});

const impact = presenter<ImpactView>(({ value, plugin }) => withPlugin(value.answer, plugin), {
  text: ({ value, plugin }) => renderImpactText(value.answer, plugin),
  markdown: ({ value, plugin }) => renderImpactMarkdown(value.answer, plugin),
  sarif: ({ value }) => renderSarif(impactFindings(value.answer, value.origins)),
  github: ({ value }) => renderGithubAnnotations(impactFindings(value.answer, value.origins)),
});

const fix = presenter<FixAnswer>(({ value, plugin }) => withPlugin(value, plugin), {
  text: ({ value, plugin }) => renderFixText(value, plugin),
  markdown: ({ value, plugin }) => renderFixMarkdown(value, plugin),
  yaml: ({ value }) => renderFixYaml(value),
});

const connections = presenter<ConnectionsResult>(
  ({ value, plugin }) => {
    const { groupBy, connections: list } = connectionsJson(value);
    return { groupBy, ...(plugin ? pluginJson(plugin) : {}), connections: list };
  },
  {
    json: ({ value, plugin }) => renderConnectionsJson(value, plugin),
    text: ({ value, plugin }) => renderConnectionsTxt(value, plugin),
    csv: ({ value, plugin }) => renderConnectionsCsv(value, plugin),
    markdown: ({ value, plugin }) => renderConnectionsMd(value, plugin),
    dot: ({ value, plugin }) => renderConnectionsDot(value, plugin),
  },
);

const lint = presenter<LintJson>(({ value }) => value, {
  text: ({ value }) => lintText(value),
  markdown: ({ value }) => lintMarkdown(value),
  sarif: ({ value }) => renderSarif(lintFindings(value.diagnostics)),
  github: ({ value }) => renderGithubAnnotations(lintFindings(value.diagnostics)),
});

const cni = presenter<DataplaneReport>(({ value }) => value, {
  text: ({ value }) => renderCniText(value),
  markdown: ({ value }) => renderCniMarkdown(value),
});

const podPolicies = presenter<PodPoliciesResult>(({ value }) => value, {
  text: ({ value }) => podPoliciesText(value),
  markdown: ({ value }) => podPoliciesMarkdown(value),
});

const exposure = presenter<ExposureResult>(({ value }) => value, {
  text: ({ value }) => exposureText(value),
  markdown: ({ value }) => exposureMarkdown(value),
});

const flowHistory = presenter<FlowHistoryAnswer>(({ value }) => value, {
  text: ({ value }) => renderHistoryText(value),
  markdown: ({ value }) => renderHistoryMarkdown(value),
});

const snapshotDiff = presenter<SnapshotDiffAnswer>(({ value }) => value, {
  text: ({ value }) => renderDiffText(value),
  markdown: ({ value }) => renderDiffMarkdown(value),
});

/** `netreach assert`: the results of evaluating an assertions file once. */
const assertions = presenter<readonly AssertionResult[]>(
  ({ value }) => ({ ok: value.every((r) => r.ok), failing: value.filter((r) => !r.ok).length, results: value }),
  {
    text: ({ value }) => renderAssertionsText(value),
    markdown: ({ value }) => renderAssertionsMarkdown(value),
    // JUnit XML for CI test reports: one test case per assertion, a failing one with its message.
    junit: ({ value }) => renderJunit('netreach assert', value),
  },
);

/** `GET /v1/assertions`: the server's monitor, as it last evaluated its assertions. */
export interface AssertionMonitorJson {
  readonly configured: boolean;
  readonly assertions: readonly AssertionResult[];
}

const assertionMonitor = presenter<AssertionMonitorJson>(({ value }) => value, {
  text: ({ value }) => renderAssertionsText(value.assertions),
  markdown: ({ value }) => renderAssertionsMarkdown(value.assertions),
});

const diagnostics = presenter<readonly Diagnostic[]>(({ value }) => value, {
  text: ({ value }) => renderDiagnosticsText(value),
});

/** Every answer kind, by name. */
export const PRESENTERS = {
  check,
  ports,
  matrix,
  groupMatrix,
  impact,
  fix,
  connections,
  lint,
  cni,
  podPolicies,
  exposure,
  flowHistory,
  snapshotDiff,
  assertions,
  assertionMonitor,
  diagnostics,
} as const satisfies Record<string, Presenter<never>>;

export type { LintJson, PortsJson };
