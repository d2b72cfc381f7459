// Generated from openapi/netreach.yaml by `npm run gen:api` (openapi-typescript). Do not edit.

export interface paths {
    "/v1/snapshots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Stored snapshots, newest first */
        get: operations["listSnapshots"];
        put?: never;
        /** Upload a snapshot (Kubernetes List as JSON, or YAML) */
        post: operations["uploadSnapshot"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/snapshots/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One snapshot's metadata */
        get: operations["getSnapshot"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/snapshots/{a}/diff/{b}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Objects added, changed and removed from snapshot a to snapshot b */
        get: operations["diffSnapshots"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/snapshots/{id}/objects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One snapshot's normalised objects (what `netreach impact --base URL` reads) */
        get: operations["getSnapshotObjects"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/impact": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * What a proposed change (policies to apply or delete) loses and gains
         * @description Same answer as `netreach impact -o json`. A JSON body names the objects to apply and the policies to delete; a YAML body is the proposed files themselves (policies to apply; Pods, Namespaces and workloads in it are upserted), with `delete`, `groupBy` and `snapshot` as query parameters (also accepted with a JSON body, added to its fields). The whole-state form (a CI job comparing two checkouts) sends `head`, every object after the change, so a deleted file is a deletion; `base` optionally replaces the served snapshot.
         */
        post: operations["impact"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fix": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The smallest NetworkPolicy change that admits (or, with mode deny, denies) exactly a flow
         * @description Same answer as `netreach fix -o json`. For a denied flow, candidate changes best first — a new NetworkPolicy or a rule added to an existing one, as the whole object and as an RFC 6902 patch — each proven by the impact of applying it to the snapshot: `gained` must be the requested flow (per pod pair); any other changed flow is listed in `proof.others` and ranks the candidate lower. `status` is `nothing-to-change` when the flow already answers as asked, `unfixable` (with `reason`) when nothing a NetworkPolicy can express fixes it. `from` is a pod or workload, `to` a pod, workload or Service (fixed on its backends' targetPort).
         */
        post: operations["fix"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/history/flow": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * When did a flow's verdict change over the stored snapshots, and which object changes did it
         * @description The verdict of `from` → `to` on `port`/`protocol` over the stored snapshots (oldest first), as the changes only; the first snapshot of the range is listed with `before: null`. A change's `causes` are exact: a cause is listed only if undoing that change alone restores the old verdict; causes that only restore it together share a `joint` group number. A pod that is gone (a rollout) is answered through a pod of the same workload (`standIns`).
         */
        get: operations["flowHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/diff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Flows lost and gained between two stored snapshots, and the object changes behind them
         * @description `base` and `head` are snapshot ids or RFC 3339 times (the snapshot in force then). Flows have the shape and grouping of `/v1/impact` (each also with `port`, its first port); `changes` are the object changes from base to head as flow history names them.
         */
        get: operations["flowDiff"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/assertions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The reachability assertions the server checks (serve --assertions), each one's state and since when
         * @description Evaluated on every snapshot the server serves. `since`/`sinceSnapshot` say from which snapshot an assertion has been in its state; `rules` are the deciding rules. Empty when the server was started without --assertions. A failing flow assertion's history is GET /v1/history/flow.
         */
        get: operations["assertions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** May `from` open a connection to `to` on port/protocol, and why? */
        post: operations["check"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Every port `from` may open towards `to` */
        post: operations["ports"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/matrix": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The connectivity matrix for one port (streamed) */
        post: operations["matrix"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/pods/{namespace}/{name}/policies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Policies selecting a pod, and the rules that admit it as a peer */
        get: operations["podPolicies"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/lint": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Validation and policy findings for manifests (same as `netreach lint -o json`) */
        post: operations["lint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/exposure": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Pods reachable from outside the cluster, from where and on which ports */
        get: operations["exposure"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/dataplane": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The network plugin a snapshot is answered under, from which evidence, and its profile
         * @description Same answer as `netreach cni -o json`, plus the snapshot id. `source` says how the plugin was chosen: `override` (`netreach serve --cni`), `detected` (from DaemonSets, ConfigMaps, CRD groups or node annotations), or `none` (nothing recognised: answers follow the Kubernetes API's meaning and enforcement depends on the plugin).
         */
        get: operations["getDataplane"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Server-sent events, one `snapshot` event per snapshot served from now on (the dashboard follows them)
         * @description A `text/event-stream` (WHATWG HTML, server-sent events) that stays open. On connect it sends `event: hello` with the served snapshot's id (0 when none); then `event: snapshot` whenever a new snapshot is served (upload, cluster sync, manifest change), its data the SnapshotEvent JSON, and a `: keep-alive` comment every 25 s. Needs the bearer token like every `/v1` route, so a browser reads it with fetch (EventSource cannot send Authorization).
         */
        get: operations["events"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The process is up */
        get: operations["healthz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A snapshot is being served (first sync done, or the last stored one, with its age) */
        get: operations["readyz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Prometheus metrics */
        get: operations["metrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/chat/slack": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A Slack slash command (`/netreach can shop/frontend reach shop/db on 5432`), answered with Block Kit
         * @description Authenticated by Slack's request signature instead of the bearer token: `X-Slack-Signature` is
         *     `v0=` + HMAC-SHA256 of `v0:{X-Slack-Request-Timestamp}:{raw body}` under the signing secret
         *     (NETREACH_SLACK_SIGNING_SECRET or --slack-signing-secret-file); a timestamp more than five minutes
         *     off, a signature seen before, or a missing header is 401 and nothing is evaluated. Slow questions
         *     are acknowledged at once and answered later through `response_url`.
         */
        post: operations["slackCommand"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/chat/mattermost": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A Mattermost slash command, answered in Markdown
         * @description Authenticated by the slash command's token (the `token` field, or `Authorization: Token …`)
         *     against NETREACH_MATTERMOST_TOKEN or --mattermost-token-file instead of the bearer token.
         */
        post: operations["mattermostCommand"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description The fields Slack and Mattermost send with a slash command (others are accepted and ignored). */
        SlashCommand: {
            /** @description The slash command, e.g. `/netreach`. */
            command?: string;
            /** @description What follows the command: the question. */
            text?: string;
            /** @description Where a deferred answer is posted. */
            response_url?: string;
            /** @description Mattermost: the slash command token. */
            token?: string;
            user_name?: string;
            channel_name?: string;
        } & {
            [key: string]: unknown;
        };
        /** @description A slash command answer; Slack reads `blocks` (Block Kit) with `text` as the fallback, Mattermost reads `text` (Markdown). */
        ChatMessage: {
            /** @enum {unknown} */
            response_type: "in_channel" | "ephemeral";
            text: string;
            blocks?: {
                [key: string]: unknown;
            }[];
        } & {
            [key: string]: unknown;
        };
        /** @description RFC 9457 problem details. `type` is stable; scripts should switch on it. */
        Problem: {
            /** @description https://netreach.dev/problems/<code> */
            type: string;
            title: string;
            status: number;
            detail?: string;
            instance?: string;
            errors?: {
                /** @description Where: body.from.pod, query.snapshot, params.id, or an object field path. */
                path: string;
                message: string;
            }[];
            /** @description Present when `errors` lists only the first 100; how many there are. */
            errorsTotal?: number;
        };
        /** @enum {string} */
        Protocol: "TCP" | "UDP" | "SCTP";
        Port: number;
        /** @description RFC 3339 (2026-12-03T10:00:00Z): the snapshot in force at that time; instead of `snapshot`. */
        At: string;
        /** @description A snapshot id (default the latest). */
        SnapshotId: number;
        /** @description Exactly one of: a pod `ns/name`, a Service `ns/name`, a workload `deploy:ns/name` (sts:, ds:, rs:, job:, cronjob:), a namespace, a node name, an IP address, or a CIDR. */
        Endpoint: {
            pod?: string;
            service?: string;
            workload?: string;
            namespace?: string;
            node?: string;
            ip?: string;
            cidr?: string;
        };
        CheckRequest: {
            from: components["schemas"]["Endpoint"];
            to: components["schemas"]["Endpoint"];
            port: components["schemas"]["Port"];
            /** @default TCP */
            protocol: components["schemas"]["Protocol"];
            snapshot?: components["schemas"]["SnapshotId"];
            at?: components["schemas"]["At"];
        };
        PortsRequest: {
            from: components["schemas"]["Endpoint"];
            to: components["schemas"]["Endpoint"];
            snapshot?: components["schemas"]["SnapshotId"];
            at?: components["schemas"]["At"];
        };
        MatrixRequest: {
            port: components["schemas"]["Port"];
            /** @default TCP */
            protocol: components["schemas"]["Protocol"];
            snapshot?: components["schemas"]["SnapshotId"];
            at?: components["schemas"]["At"];
            /**
             * @description `pod`: the `netreach matrix -o json` shape; otherwise cells are 1 (all pairs), 0 (none) or p (some).
             * @default pod
             * @enum {string}
             */
            groupBy: "pod" | "workload" | "namespace";
            /** @description Only endpoints (or groups) in these namespaces. */
            namespaces?: string[];
        };
        /** @description A Kubernetes List (`kubectl get -o json`), or a single object. */
        KubernetesList: {
            apiVersion?: string;
            kind: string;
            items?: Record<string, never>[];
        };
        /** @description An inclusive range [from, to]. */
        PortRange: number[];
        /** @description Per protocol, inclusive ranges; a protocol with nothing allowed is omitted: {"TCP": [[80, 80]]}. */
        PortRanges: {
            TCP?: components["schemas"]["PortRange"][];
            UDP?: components["schemas"]["PortRange"][];
            SCTP?: components["schemas"]["PortRange"][];
        };
        RuleRef: {
            /** @description ns/name */
            policy: string;
            direction: components["schemas"]["Direction"];
            /** @description Index in spec.ingress / spec.egress. */
            rule: number;
        };
        /** @enum {string} */
        Direction: "Ingress" | "Egress";
        /**
         * @description `not-enforced`: the network plugin enforces no NetworkPolicy, the traffic is not restricted. `plugin-deviation`: the plugin's documented meaning of a rule differs from the API's and changed the answer. `plugin-undocumented`: the plugin does not document what it does here (verdict `unknown`).
         * @enum {string}
         */
        NoteCode: "self-traffic" | "node-local" | "host-network" | "ipblock-matches-pod-ip" | "no-ip" | "external-not-policed" | "named-port-unresolved" | "enforcement-depends-on-plugin" | "not-enforced" | "plugin-deviation" | "plugin-undocumented";
        Note: {
            code: components["schemas"]["NoteCode"];
            message: string;
        };
        DirectionVerdict: {
            direction: components["schemas"]["Direction"];
            allowed: boolean;
            policed: boolean;
            isolated: boolean;
            isolatedBy: string[];
            allowedBy: components["schemas"]["RuleRef"][];
            reason: string;
            /** @description When denied, the rules that come closest to admitting, each with the conditions that fail (one for a near miss proper). */
            nearMisses?: components["schemas"]["NearMiss"][];
            /**
             * @description Which policy tier decided (absent when no AdminNetworkPolicy, BaselineAdminNetworkPolicy, ClusterNetworkPolicy, Cilium policy or unmodelled policy kind takes part).
             * @enum {string}
             */
            tier?: "Admin" | "Cilium" | "NetworkPolicy" | "Baseline" | "Default";
            decidedBy?: components["schemas"]["TierRuleRef"];
            passedBy?: components["schemas"]["TierRuleRef"];
            /** @description The tiers do not decide this direction (equal priorities that disagree, domainNames, an unmodelled policy kind): `allowed` is false. */
            unknown?: boolean;
            unknownReason?: string;
        };
        NearMiss: {
            policy: string;
            direction: components["schemas"]["Direction"];
            rule: number;
            fails: {
                /** @enum {string} */
                kind: "selector-term" | "namespace" | "port" | "protocol" | "ipblock-cidr" | "ipblock-except" | "peer-kind";
                path: string;
                message: string;
            }[];
        };
        /** @description A rule of an AdminNetworkPolicy, BaselineAdminNetworkPolicy, ClusterNetworkPolicy, or of a Cilium policy (tier Cilium; a NetworkPolicy there when Cilium isolates by it; rule -1 = the default deny of a selecting policy). */
        TierRuleRef: {
            /** @enum {string} */
            tier: "Admin" | "Baseline" | "Cilium";
            /** @enum {string} */
            kind: "AdminNetworkPolicy" | "BaselineAdminNetworkPolicy" | "ClusterNetworkPolicy" | "CiliumNetworkPolicy" | "CiliumClusterwideNetworkPolicy" | "NetworkPolicy";
            /** @description The policy's name (cluster-scoped). */
            policy: string;
            priority: number;
            direction: components["schemas"]["Direction"];
            /** @description Index in spec.ingress / spec.egress. */
            rule: number;
            /** @description The rule's name ('' when unnamed). */
            name: string;
            /** @enum {string} */
            action: "Allow" | "Deny" | "Pass";
        };
        EndpointDescription: {
            /** @enum {string} */
            kind: "pod" | "ip";
            name: string;
            ips: string[];
        };
        /** @enum {string} */
        PluginId: "flannel" | "calico" | "canal" | "cilium" | "kube-router" | "weave" | "romana" | "antrea" | "ovn-kubernetes" | "aws-vpc-cni" | "azure-npm" | "k3s" | "kube-network-policies" | "unknown";
        /**
         * @description Whether networking.k8s.io/v1 NetworkPolicy is enforced under the plugin's settings.
         * @enum {string}
         */
        Enforcement: "enforced" | "not-enforced" | "unknown";
        /**
         * @description How the plugin was chosen: `override` (--cni), `detected` (cluster objects), `none` (nothing recognised).
         * @enum {string}
         */
        DataplaneSource: "override" | "detected" | "none";
        /** @description true: the network plugin enforces NetworkPolicy; false: it enforces none (nothing is restricted); null: no plugin recognised (answers follow the API's meaning). */
        Enforced: boolean | null;
        /** @description The network plugin an answer was given under. */
        DataplaneSummary: {
            plugin: components["schemas"]["PluginId"];
            /** @description Display name: `Cilium`, `flannel`, ... */
            name: string;
            enforcement: components["schemas"]["Enforcement"];
            source: components["schemas"]["DataplaneSource"];
        };
        /** @description A documented way the plugin's enforcement differs from the API's meaning. */
        Deviation: {
            /** @enum {string} */
            code: "ipblock-ignores-cluster" | "isolates-unselected" | "named-port-any-port" | "endport-ignored" | "named-port-policy-rejected" | "egress-before-service-dnat" | "identity-label-filter";
            message: string;
            /** @description Where this is documented (URL). */
            source: string;
        };
        Verdict: {
            /** @description The answer under the plugin in force; false for `unknown` (never a confident yes). */
            allowed: boolean;
            /**
             * @description `allowed` / `denied` under the plugin in force; `unknown` when the plugin does not document the outcome (see `unknownReason`).
             * @enum {string}
             */
            verdict: "allowed" | "denied" | "unknown";
            enforced: components["schemas"]["Enforced"];
            dataplane: components["schemas"]["DataplaneSummary"];
            /** @description The plugin deviations that changed this answer from the API's meaning (empty when none did). */
            deviations: components["schemas"]["Deviation"][];
            /** @description The Kubernetes API's (upstream) answer, present only when it differs from this one. */
            upstream?: {
                allowed: boolean;
            };
            /** @description Why the verdict is `unknown`. */
            unknownReason?: string;
            from: components["schemas"]["EndpointDescription"];
            to: components["schemas"]["EndpointDescription"];
            port: number;
            protocol: components["schemas"]["Protocol"];
            egress: components["schemas"]["DirectionVerdict"];
            ingress: components["schemas"]["DirectionVerdict"];
            override?: components["schemas"]["NoteCode"];
            notes: components["schemas"]["Note"][];
        };
        PathNote: {
            code: string;
            message: string;
        };
        PathVerdict: {
            from: string;
            to: string;
            /** @description The port the destination receives the connection on (a Service's targetPort */
            port: number;
            allowed: boolean;
            /** @description For an address range side */
            cidrs?: string[];
            reason?: string;
            via?: string;
            verdict?: components["schemas"]["Verdict"];
        };
        /** @description The composite answer when a side stands for several endpoints. */
        PathsVerdict: {
            /** @description At least one path */
            allowed: boolean;
            /** @enum {string} */
            outcome: "allowed" | "denied" | "partial";
            from: string;
            to: string;
            port: number;
            protocol: components["schemas"]["Protocol"];
            paths: components["schemas"]["PathVerdict"][];
            notes: components["schemas"]["PathNote"][];
            dataplane?: components["schemas"]["DataplaneSummary"];
            enforced?: components["schemas"]["Enforced"];
        };
        CheckAnswer: components["schemas"]["Verdict"] | components["schemas"]["PathsVerdict"];
        PortsPath: {
            from: string;
            to: string;
            via?: string;
            ports: components["schemas"]["PortRanges"];
            reason?: string;
        };
        /** @description A pod or IP on both sides; `from` and `to` as the CLI spells them. */
        PortsRanges: {
            from: string;
            to: string;
            ports: components["schemas"]["PortRanges"];
            dataplane?: components["schemas"]["DataplaneSummary"];
            enforced?: components["schemas"]["Enforced"];
        };
        /** @description A side that stands for several endpoints; ports per path, open on some path (union) and on every path (intersection). */
        PathsPorts: {
            from: string;
            to: string;
            paths: components["schemas"]["PortsPath"][];
            union: components["schemas"]["PortRanges"];
            intersection: components["schemas"]["PortRanges"];
            notes: components["schemas"]["PathNote"][];
            dataplane?: components["schemas"]["DataplaneSummary"];
            enforced?: components["schemas"]["Enforced"];
        };
        PortsAnswer: components["schemas"]["PortsRanges"] | components["schemas"]["PathsPorts"];
        /** @description By pod: `rows[i][j] == "1"` iff `pods[i]` may open a connection to `pods[j]` under the network plugin in force, "0" if not, "?" where the plugin does not document the outcome (see `unknownReason`). Grouped: `groups` instead of `pods`, cells 1 (every pair), 0 (none), p (some). */
        MatrixAnswer: {
            port: number;
            protocol: components["schemas"]["Protocol"];
            /** @enum {string} */
            groupBy?: "workload" | "namespace";
            pods?: string[];
            groups?: string[];
            rows: string[];
            /** @description False when the plugin enforces nothing (every cell is then "1"). */
            enforced?: components["schemas"]["Enforced"];
            dataplane?: components["schemas"]["DataplaneSummary"];
            /** @description Why some cells are "?". */
            unknownReason?: string;
        };
        PodPolicies: {
            pod: string;
            snapshot: number;
            isolated: {
                ingress: boolean;
                egress: boolean;
            };
            /** @description Policies whose podSelector selects the pod, per direction (ns/name, sorted). */
            selectedBy: {
                ingress: string[];
                egress: string[];
            };
            /** @description Rules that admit the pod as a peer (source of an ingress rule, destination of an egress rule). */
            peerOf: {
                policy: string;
                direction: components["schemas"]["Direction"];
                rule: number;
                /** @enum {string} */
                via: "all-peers" | "pod-selector" | "ip-block";
                ports: components["schemas"]["PortRanges"];
                namedPorts: string[];
            }[];
        };
        Exposure: {
            snapshot: number;
            pods: {
                pod: string;
                /** @description Outside address ranges (pod IPs excluded) and the ports they may open to the pod. */
                from: {
                    cidrs: string[];
                    ports: components["schemas"]["PortRanges"];
                }[];
            }[];
            notes: string[];
        };
        ObjectRef: {
            kind: string;
            namespace?: string;
            name: string;
        };
        Diagnostic: {
            /** @enum {string} */
            severity: "error" | "warning" | "info";
            code: string;
            message: string;
            ref?: components["schemas"]["ObjectRef"];
            path?: string;
            file?: string;
            line?: number;
            /** @description A mechanical fix (lint); `netreach lint --fix` prints its objects as YAML. */
            fix?: {
                summary: string;
                /** @description Whole objects, for kubectl apply -f -. */
                objects: {
                    [key: string]: unknown;
                }[];
            };
        };
        LintAnswer: {
            ok: boolean;
            diagnostics: components["schemas"]["Diagnostic"][];
        };
        Counts: {
            [key: string]: number;
        };
        /** @enum {string} */
        SnapshotSource: "manifests" | "cluster" | "demo" | "upload";
        SnapshotSummary: {
            id: number;
            /** Format: date-time */
            takenAt: string;
            source: components["schemas"]["SnapshotSource"];
            counts: components["schemas"]["Counts"];
            dataplane?: components["schemas"]["DataplaneSummary"];
            /** @description Uploaded with ?lenient=true and objects were left out for their errors. */
            partial?: boolean;
            /** @description A read found an object whose content does not match its sha256: the snapshot is not served. */
            corrupt?: boolean;
        };
        SnapshotMeta: {
            id: number;
            /** Format: date-time */
            takenAt: string;
            source: components["schemas"]["SnapshotSource"];
            hash: string;
            counts: components["schemas"]["Counts"];
            detail?: {
                [key: string]: unknown;
            };
            dataplane?: components["schemas"]["DataplaneSummary"];
        };
        /** @description The data of a `snapshot` event on GET /v1/events. */
        SnapshotEvent: {
            /** @description 0 when served but not stored yet. */
            id: number;
            /** Format: date-time */
            takenAt: string;
            source: components["schemas"]["SnapshotSource"];
            counts: components["schemas"]["Counts"];
            dataplane?: components["schemas"]["DataplaneSummary"];
        };
        SnapshotList: {
            snapshots: components["schemas"]["SnapshotSummary"][];
        };
        SnapshotDiff: {
            from: number;
            to: number;
            changes: {
                kind: string;
                namespace?: string;
                name: string;
                /** @enum {string} */
                change: "added" | "changed" | "removed";
            }[];
        };
        UploadAnswer: {
            /** @description The stored snapshot's id; given only once the database committed it. */
            id: number;
            counts: components["schemas"]["Counts"];
            /** @description The first 100. */
            warnings: components["schemas"]["Diagnostic"][];
            /** @description Present when `warnings` lists only the first 100. */
            warningsTotal?: number;
            /** @description Lenient upload that left objects out. */
            partial?: boolean;
        };
        /** @description The engine's Snapshot value (src/model/types.ts), JSON as is. */
        NormalisedSnapshot: {
            source: components["schemas"]["SnapshotSource"];
            namespaces: {
                [key: string]: unknown;
            }[];
            pods: {
                [key: string]: unknown;
            }[];
            workloads: {
                [key: string]: unknown;
            }[];
            services: {
                [key: string]: unknown;
            }[];
            endpointSlices: {
                [key: string]: unknown;
            }[];
            nodes: {
                [key: string]: unknown;
            }[];
            policies: {
                [key: string]: unknown;
            }[];
            notAnalysable: {
                [key: string]: unknown;
            }[];
        };
        ImpactRequest: {
            snapshot?: components["schemas"]["SnapshotId"];
            at?: components["schemas"]["At"];
            /**
             * @description Kubernetes objects as written (NetworkPolicies; Pods, Namespaces and workloads are upserted).
             * @default []
             */
            apply: Record<string, never>[];
            /**
             * @description Policies to delete, `namespace/name`.
             * @default []
             */
            delete: string[];
            /** @description Whole-state form (`netreach impact --head`): every Kubernetes object after the change. An object of the base absent from it is deleted. Not combined with `apply` or `delete`. */
            head?: Record<string, never>[];
            /** @description With `head`: every object before the change, instead of the served snapshot (then no snapshot needs to be loaded). */
            base?: Record<string, never>[];
            /**
             * @default pod
             * @enum {string}
             */
            groupBy: "pod" | "workload";
        };
        DirectionSummary: {
            isolatedBy: string[];
            allowedBy: components["schemas"]["RuleRef"][];
        };
        /** @description Which policies decided the flow in one snapshot (on the flow's first port). */
        RuleRefSummary: {
            allowed: boolean;
            egress: components["schemas"]["DirectionSummary"];
            ingress: components["schemas"]["DirectionSummary"];
        };
        ImpactFlow: {
            /** @description ns/name of a pod, or an outside CIDR */
            from: string;
            to: string;
            protocol: components["schemas"]["Protocol"];
            ports: components["schemas"]["PortRange"][];
            before: components["schemas"]["RuleRefSummary"];
            after: components["schemas"]["RuleRefSummary"];
        };
        WorkloadFlow: {
            from: string;
            to: string;
            fromOutside: boolean;
            toOutside: boolean;
            protocol: components["schemas"]["Protocol"];
            ports: components["schemas"]["PortRange"][];
            /** @description Pod-level flows folded into this one. */
            flows: number;
            policies: string[];
            /** @description Rules that allowed the member flows before the change (`ns/name ingress rule */
            wasAllowedBy: string[];
        };
        ImpactAnswer: {
            summary: {
                /** @description Flows lost, counted per pod pair and protocol; the outside is one flow per pod, direction and protocol, however many CIDR fragments `lost` lists. */
                lost: number;
                /** @description As `lost`. */
                gained: number;
                changedPolicies: string[];
                addedEndpoints: string[];
                removedEndpoints: string[];
            };
            lost: components["schemas"]["ImpactFlow"][];
            gained: components["schemas"]["ImpactFlow"][];
            /** @enum {string} */
            groupBy: "pod" | "workload";
            workloads?: {
                lost: components["schemas"]["WorkloadFlow"][];
                gained: components["schemas"]["WorkloadFlow"][];
            };
            diagnostics: components["schemas"]["Diagnostic"][];
            /** @description The network plugin of the base snapshot (both sides are answered under it). */
            dataplane?: components["schemas"]["DataplaneSummary"];
            enforced?: components["schemas"]["Enforced"];
        };
        FixRequest: {
            from: components["schemas"]["Endpoint"];
            to: components["schemas"]["Endpoint"];
            port: components["schemas"]["Port"];
            /** @default TCP */
            protocol: components["schemas"]["Protocol"];
            /**
             * @description deny: the smallest change that denies an allowed flow (CLI --deny).
             * @default allow
             * @enum {string}
             */
            mode: "allow" | "deny";
            snapshot?: components["schemas"]["SnapshotId"];
        };
        FixSide: {
            allowed: boolean;
            isolatedBy: string[];
            allowedBy: components["schemas"]["RuleRef"][];
            reason: string;
        };
        FixFlow: {
            from: string;
            to: string;
            protocol: components["schemas"]["Protocol"];
            /** @description The port the destination receives it on (a Service's targetPort). */
            port: number;
            /** @enum {string} */
            verdict: "allowed" | "denied" | "unknown";
            egress: components["schemas"]["FixSide"];
            ingress: components["schemas"]["FixSide"];
            via?: string;
        };
        JsonPatchOp: {
            /** @enum {string} */
            op: "add" | "replace" | "remove";
            path: string;
            value?: unknown;
        };
        FixChange: {
            /** @enum {string} */
            action: "create" | "modify";
            directions: components["schemas"]["Direction"][];
            /** @description ns/name */
            policy: string;
            /** @description The whole NetworkPolicy, for kubectl apply -f -. */
            object: {
                [key: string]: unknown;
            };
            /** @description For modify: kubectl patch --type=json. */
            patch: components["schemas"]["JsonPatchOp"][];
            explain: string[];
        };
        FixProof: {
            /** @description Every requested pair answers as asked after the change. */
            achieves: boolean;
            gained: components["schemas"]["ImpactFlow"][];
            lost: components["schemas"]["ImpactFlow"][];
            /** @description Changed flows beyond the request. */
            others: components["schemas"]["ImpactFlow"][];
            /** @description How many of `others` are between the requested workloads (other replicas). */
            replicaFlows: number;
            /** @description Nothing but the requested flow changes. */
            exact: boolean;
        };
        FixCandidate: {
            rank: number;
            /** @enum {string} */
            strategy: "new-policy" | "add-rule" | "new-policy-numeric-port" | "add-rule-numeric-port" | "deny-new-policy" | "deny-narrow-rules";
            summary: string;
            changes: components["schemas"]["FixChange"][];
            proof: components["schemas"]["FixProof"];
        };
        FixAnswer: {
            /** @enum {string} */
            mode: "allow" | "deny";
            request: {
                from: string;
                to: string;
                port: number;
                protocol: components["schemas"]["Protocol"];
            };
            /** @enum {string} */
            status: "nothing-to-change" | "fixable" | "unfixable";
            flows: components["schemas"]["FixFlow"][];
            candidates: components["schemas"]["FixCandidate"][];
            reason?: {
                /** @enum {string} */
                code: "unknown-verdict" | "not-enforced" | "admin-tier" | "host-network" | "override" | "no-candidate";
                message: string;
            };
            notes: string[];
            dataplane?: components["schemas"]["DataplaneSummary"];
            enforced?: components["schemas"]["Enforced"];
        };
        /** @description One object change between two snapshots, as a person names it. */
        HistoryCause: {
            /** @description NetworkPolicy, Namespace, Pod, Deployment (a workload rolled out), Service, Node, NetworkPlugin, ... */
            kind: string;
            namespace?: string;
            name: string;
            /** @description created/changed/deleted (policies), added/changed/removed, rolled out, pods added, pods removed, backends changed */
            change: string;
            /** @description A field-level summary. */
            detail: string;
            /** @description Causes that only restore the old verdict together share this group number. */
            joint?: number;
        };
        /** @enum {string} */
        FlowVerdict: "allowed" | "denied" | "unknown" | "partial" | "absent";
        FlowChange: {
            snapshot: number;
            /** Format: date-time */
            takenAt: string;
            verdict: components["schemas"]["FlowVerdict"];
            before: components["schemas"]["FlowVerdict"] | null;
            causes: components["schemas"]["HistoryCause"][];
            /** @description The rules deciding the new verdict. */
            rules: string[];
            /** @description The pod a gone pod was answered through (same workload), per side. */
            standIns?: {
                from?: string;
                to?: string;
            };
        };
        FlowHistoryAnswer: {
            from: string;
            to: string;
            port: number;
            protocol: components["schemas"]["Protocol"];
            snapshots: {
                count: number;
                first?: number;
                last?: number;
                /** @description Snapshots compiled to answer (the others could not change the flow). */
                compiled: number;
            };
            changes: components["schemas"]["FlowChange"][];
        };
        DiffFlow: components["schemas"]["ImpactFlow"] & {
            /** @description The flow's first port. */
            port: number;
        };
        FlowDiffAnswer: {
            base: components["schemas"]["SnapshotPoint"];
            head: components["schemas"]["SnapshotPoint"];
            summary: {
                lost: number;
                gained: number;
                changedPolicies: string[];
                addedEndpoints: string[];
                removedEndpoints: string[];
            };
            lost: components["schemas"]["DiffFlow"][];
            gained: components["schemas"]["DiffFlow"][];
            /** @enum {string} */
            groupBy: "pod" | "workload";
            workloads?: {
                lost: components["schemas"]["WorkloadFlow"][];
                gained: components["schemas"]["WorkloadFlow"][];
            };
            diagnostics?: components["schemas"]["Diagnostic"][];
            changes: components["schemas"]["HistoryCause"][];
        };
        SnapshotPoint: {
            id: number;
            /** Format: date-time */
            takenAt: string;
        };
        AssertionStatus: {
            name: string;
            ok: boolean;
            /** @enum {string} */
            status: "passing" | "failing";
            message: string;
            /** @description The deciding rules (or isolating policies). */
            rules: string[];
            /** @description What is asserted: `from -> to TCP/8443 expect allowed`, `isolated ns:payments (ingress)`. */
            assertion: string;
            /**
             * Format: date-time
             * @description When the snapshot it has held its state since was taken.
             */
            since: string;
            sinceSnapshot: number;
        };
        AssertionsAnswer: {
            /** @description The server was started with --assertions. */
            configured: boolean;
            /** @description The snapshot last evaluated. */
            snapshot?: number;
            failing: number;
            assertions: components["schemas"]["AssertionStatus"][];
        };
        Readiness: {
            ready: boolean;
            source: string;
            snapshotId?: number;
            /** Format: date-time */
            takenAt?: string;
            ageSeconds?: number;
            /** @description The data may be behind its source: resumed from the store before the first sync, or the source (API server, manifest files) failing now. Tracked at all times; the same in every answer's Netreach-Stale header. */
            stale: boolean;
            staleReason?: string;
            /**
             * Format: date-time
             * @description Since when the data has been behind (the resumed snapshot's time
             */
            staleSince?: string;
            /** @description The last store write failed, or the stored history is corrupt: not ready until a write succeeds. */
            storeError?: string;
            /** @description False while the served snapshot is only in memory (its write failed and is retried). */
            persisted?: boolean;
            /** @description The served snapshot was accepted leniently (objects with errors left out). */
            partial?: boolean;
            dataplane?: components["schemas"]["DataplaneSummary"];
            /** @description The oldest snapshot retention keeps (--keep-snapshots, --keep-for). */
            oldestSnapshot?: components["schemas"]["SnapshotPoint"];
        };
        /** @description The network plugin a snapshot is answered under (`netreach cni -o json`), and the snapshot id. */
        DataplaneAnswer: {
            /** @description The snapshot id (0 when it is served but not stored yet). */
            snapshot: number;
            plugin: components["schemas"]["PluginId"];
            name: string;
            source: components["schemas"]["DataplaneSource"];
            enforcement: components["schemas"]["Enforcement"];
            /** @description One sentence; names the setting when a setting decided it. */
            enforcementReason: string;
            /** @description NetworkPolicies in the snapshot (as written). */
            policies: number;
            network: {
                /** @enum {string} */
                kind: "overlay" | "underlay" | "hybrid" | "unknown";
                /** @description `vxlan`, `host-gw`, `ipip`, `bgp`, `geneve`, `native-routing`, `eni`, ... */
                mode: string;
            };
            /** @description The settings that shaped the profile, as read or given (`enable-policy` → `always`). */
            settings: {
                [key: string]: string;
            };
            deviations: components["schemas"]["Deviation"][];
            /** @description Behaviour the plugin does not document; a verdict that depends on it is `unknown`. */
            undocumented: {
                protocol: components["schemas"]["Protocol"];
                reason: string;
            }[];
            nodeReachesLocalPods: boolean;
            /** @description Everything that pointed at the plugin or its settings, in the order it was weighed. */
            evidence: {
                /** @enum {string} */
                kind: "DaemonSet" | "Container" | "ConfigMap" | "CustomResourceDefinition" | "NodeAnnotation" | "FelixConfiguration" | "Override";
                ref: string;
                detail: string;
            }[];
            warnings: string[];
            advice: string[];
            /** @description Where the profile's facts come from (URLs). */
            sources: string[];
        };
    };
    responses: {
        /** @description Bad input (malformed JSON, wrong types, unknown fields, an endpoint spelled wrong). */
        BadInput: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Missing or wrong bearer token. */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Unknown snapshot, pod or route. */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The body is larger than the server's limit. */
        TooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The body is neither JSON nor YAML. */
        UnsupportedMediaType: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description A valid request about something the snapshot does not hold (an unknown pod). */
        Unprocessable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description No snapshot is being served yet. */
        NotReady: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The database could not commit the snapshot (507: disk full; 503: read-only, locked or an I/O error). Nothing was stored and the served snapshot is unchanged. */
        StoreUnavailable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: {
        /** @description The snapshot id to answer from (default the latest). */
        Snapshot: number;
        /** @description RFC 3339: answer from the snapshot in force at that time (the newest taken at or before it); instead of `snapshot`. */
        At: components["schemas"]["At"];
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listSnapshots: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The snapshot history. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SnapshotList"];
                };
            };
            400: components["responses"]["BadInput"];
            401: components["responses"]["Unauthorized"];
        };
    };
    uploadSnapshot: {
        parameters: {
            query?: {
                /** @description What uploads do unless `lenient=true`: refuse the upload (400, nothing stored) when any object has an error, reading objects as `kubectl apply` would. `strict=true` wins over `lenient`; `strict=false` is `lenient=true`. */
                strict?: boolean;
                /** @description Store the objects that decode and leave the broken ones out (their errors come back as warnings); the snapshot is marked `partial`. */
                lenient?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["KubernetesList"];
                "application/yaml": string;
            };
        };
        responses: {
            /** @description Committed to the database (durable) and served from now on. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UploadAnswer"];
                };
            };
            400: components["responses"]["BadInput"];
            401: components["responses"]["Unauthorized"];
            413: components["responses"]["TooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            503: components["responses"]["StoreUnavailable"];
            507: components["responses"]["StoreUnavailable"];
        };
    };
    getSnapshot: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The snapshot. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SnapshotMeta"];
                };
            };
            400: components["responses"]["BadInput"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
        };
    };
    diffSnapshots: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                a: number;
                b: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The changes, by kind, namespace and name. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SnapshotDiff"];
                };
            };
            400: components["responses"]["BadInput"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
        };
    };
    getSnapshotObjects: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The snapshot as the engine reads it (decoded, validated, defaults applied). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NormalisedSnapshot"];
                };
            };
            400: components["responses"]["BadInput"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
        };
    };
    impact: {
        parameters: {
            query?: {
                /** @description The snapshot id to answer from (default the latest). */
                snapshot?: components["parameters"]["Snapshot"];
                /** @description RFC 3339: answer from the snapshot in force at that time (the newest taken at or before it); instead of `snapshot`. */
                at?: components["parameters"]["At"];
                /** @description A policy to delete, `namespace/name` (repeat for several). */
                delete?: string[];
                groupBy?: "pod" | "workload";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ImpactRequest"];
                "application/yaml": string;
            };
        };
        responses: {
            /** @description Lost and gained flows, exact per pod pair and protocol, with the deciding policies. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImpactAnswer"];
                    "text/markdown": string;
                    "text/plain": string;
                };
            };
            400: components["responses"]["BadInput"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["TooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            503: components["responses"]["NotReady"];
        };
    };
    fix: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FixRequest"];
            };
        };
        responses: {
            /** @description The flows as they answer now and the proven candidates. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FixAnswer"];
                    "text/markdown": string;
                    "text/plain": string;
                };
            };
            400: components["responses"]["BadInput"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["Unprocessable"];
            503: components["responses"]["NotReady"];
        };
    };
    flowHistory: {
        parameters: {
            query: {
                /** @description An endpoint in the CLI spelling (ns/name, svc:ns/name, deploy:ns/name, ns:name, node:name, an IP or a CIDR). */
                from: string;
                /** @description The other endpoint */
                to: string;
                port: components["schemas"]["Port"];
                protocol?: components["schemas"]["Protocol"];
                /** @description RFC 3339: snapshots taken at or after. */
                since?: string;
                /** @description RFC 3339: snapshots taken at or before. */
                until?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The flow's changes, oldest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FlowHistoryAnswer"];
                    "text/markdown": string;
                    "text/plain": string;
                };
            };
            400: components["responses"]["BadInput"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
        };
    };
    flowDiff: {
        parameters: {
            query: {
                base: string;
                /** @description Default the latest stored snapshot. */
                head?: string;
                groupBy?: "pod" | "workload";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Lost and gained flows and the changes. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FlowDiffAnswer"];
                    "text/markdown": string;
                    "text/plain": string;
                };
            };
            400: components["responses"]["BadInput"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
        };
    };
    assertions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every assertion's status. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AssertionsAnswer"];
                    "text/markdown": string;
                    "text/plain": string;
                };
            };
            401: components["responses"]["Unauthorized"];
        };
    };
    check: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CheckRequest"];
            };
        };
        responses: {
            /** @description The engine's Verdict (pod or IP on both sides), or the composite answer with one path per concrete pair when a side stands for several endpoints. `allowed` is at the top level. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CheckAnswer"];
                    "text/markdown": string;
                    "text/plain": string;
                };
            };
            400: components["responses"]["BadInput"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["Unprocessable"];
            503: components["responses"]["NotReady"];
        };
    };
    ports: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PortsRequest"];
            };
        };
        responses: {
            /** @description The allowed ports per protocol. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortsAnswer"];
                    "text/markdown": string;
                    "text/plain": string;
                };
            };
            400: components["responses"]["BadInput"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["Unprocessable"];
            503: components["responses"]["NotReady"];
        };
    };
    matrix: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MatrixRequest"];
            };
        };
        responses: {
            /** @description Same JSON as `netreach matrix -o json` (by pod), or the grouped matrix. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MatrixAnswer"];
                    "text/markdown": string;
                    "text/plain": string;
                };
            };
            400: components["responses"]["BadInput"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            503: components["responses"]["NotReady"];
        };
    };
    podPolicies: {
        parameters: {
            query?: {
                /** @description The snapshot id to answer from (default the latest). */
                snapshot?: components["parameters"]["Snapshot"];
                /** @description RFC 3339: answer from the snapshot in force at that time (the newest taken at or before it); instead of `snapshot`. */
                at?: components["parameters"]["At"];
            };
            header?: never;
            path: {
                namespace: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The pod's policies. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PodPolicies"];
                    "text/markdown": string;
                    "text/plain": string;
                };
            };
            400: components["responses"]["BadInput"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            503: components["responses"]["NotReady"];
        };
    };
    lint: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["KubernetesList"];
                "application/yaml": string;
            };
        };
        responses: {
            /** @description The findings; `ok` is false when the input has errors. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LintAnswer"];
                    "text/markdown": string;
                    "text/plain": string;
                };
            };
            400: components["responses"]["BadInput"];
            401: components["responses"]["Unauthorized"];
            413: components["responses"]["TooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    exposure: {
        parameters: {
            query?: {
                /** @description The snapshot id to answer from (default the latest). */
                snapshot?: components["parameters"]["Snapshot"];
                /** @description RFC 3339: answer from the snapshot in force at that time (the newest taken at or before it); instead of `snapshot`. */
                at?: components["parameters"]["At"];
                /** @description Only pods of this namespace. */
                namespace?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Exposed pods, each with the outside address ranges and the ports they may open. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Exposure"];
                    "text/markdown": string;
                    "text/plain": string;
                };
            };
            400: components["responses"]["BadInput"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            503: components["responses"]["NotReady"];
        };
    };
    getDataplane: {
        parameters: {
            query?: {
                /** @description The snapshot id to answer from (default the latest). */
                snapshot?: components["parameters"]["Snapshot"];
                /** @description RFC 3339: answer from the snapshot in force at that time (the newest taken at or before it); instead of `snapshot`. */
                at?: components["parameters"]["At"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description What was detected, the profile in force and the advice. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DataplaneAnswer"];
                    "text/markdown": string;
                    "text/plain": string;
                };
            };
            400: components["responses"]["BadInput"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            503: components["responses"]["NotReady"];
        };
    };
    events: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The event stream. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            401: components["responses"]["Unauthorized"];
        };
    };
    healthz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Alive. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        status: "ok";
                    };
                };
            };
        };
    };
    readyz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Readiness"];
                };
            };
            /** @description No snapshot yet. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Readiness"];
                };
            };
        };
    };
    metrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Text exposition format. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            401: components["responses"]["Unauthorized"];
        };
    };
    slackCommand: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["SlashCommand"];
            };
        };
        responses: {
            /** @description The answer (Block Kit message, `response_type` in_channel or ephemeral). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChatMessage"];
                };
            };
            400: components["responses"]["BadInput"];
            401: components["responses"]["Unauthorized"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
    mattermostCommand: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["SlashCommand"];
            };
        };
        responses: {
            /** @description The answer (`text` in Markdown, `response_type` in_channel or ephemeral). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChatMessage"];
                };
            };
            400: components["responses"]["BadInput"];
            401: components["responses"]["Unauthorized"];
            415: components["responses"]["UnsupportedMediaType"];
        };
    };
}
