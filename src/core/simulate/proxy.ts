/**
 * Generation for one dataplane: Kuma's generators, then the policy plugins in Kuma's order, then
 * the ResourceSet hooks. Everything here depends on the dataplane and version only, not on the
 * request, so a batch computes it once per dataplane.
 */
import { addApiServerBypass, type ApiServer } from "../generate/api-server-bypass.js";
import { explicitOutboundTargets, generateExplicitOutbounds, generateOutbounds, serviceProtocols, type OutboundGeneration } from "../generate/outbounds.js";
import { assignServiceAddresses } from "../generate/service-addresses.js";
import { applyStrictInboundPorts, generateInbound } from "../generate/inbound.js";
import { explainPassThroughLog, matchTrafficLogs, type PassThroughLog } from "../generate/traffic-log.js";
import { generateTransparentProxy } from "../generate/transparent-proxy.js";
import { applyOutboundTrafficLogs, httpServicesOf, outboundServices } from "../generate/outbound-traffic-log.js";
import type { TransparentProxyPlan } from "../model/transparent-proxy.js";
import type { ModificationReport } from "../model/modification.js";
import { POLICIES } from "../policies/registry.js";
import { addRawResources, applyTemplateModifications, PROXY_TEMPLATE_KIND, resolveProxyTemplate, unmodelledImports } from "../policies/proxytemplate/index.js";
import { modKinds, type ProxyTemplateSpec } from "../policies/proxytemplate/api.js";
import { effectiveTargetRef, selectsDataplane, sortPolicies } from "../policies/target-ref.js";
import type { TargetRef } from "../model/target-ref.js";
import type { ConfigError, PolicyDefinition } from "../policies/types.js";
import { indexWrites, rebaseWrites, resourceKey, type Write, type WriteIndex } from "../xds/provenance.js";
import type { DataplaneModel } from "../model/dataplane.js";
import type { MeshModel } from "../model/mesh.js";
import type { Snapshot } from "../snapshot/snapshot.js";
import { releaseLabel, type VersionFeatures } from "../model/versions.js";
import { kindExistsAt, type PolicyResource } from "../model/policy.js";
import type { Warning } from "../warnings.js";
import { ORIGIN, PASS_THROUGH_SERVICE, passthroughName } from "../xds/names.js";
import type { ResourceSet } from "../xds/resource-set.js";
import { acceptedConfig, envoyRule, ENVOY_VERSION, ValidationMemo, type AcceptedConfig } from "../xds/validate/index.js";
import { markRejected } from "../model/rejected-modifications.js";
import type { TraceLine } from "../model/trace-line.js";

export interface PolicySummary {
  readonly kind: string;
  readonly name: string;
  readonly mesh: string;
  readonly targetRef: string;
  readonly role: string;
  readonly whatIf: boolean;
}

export interface ZoneSettings {
  readonly environment: "universal" | "kubernetes";
  readonly apiServer: ApiServer | undefined;
}

/** The generated proxy: its final resources and everything the explanation needs. */
export interface ProxyState {
  readonly dataplane: DataplaneModel;
  readonly mesh: MeshModel;
  readonly plan: TransparentProxyPlan;
  readonly resources: ResourceSet;
  /**
   * The config Envoy runs: `resources` with every listener or cluster Envoy rejects replaced by the version it keeps
   * (see {@link acceptedConfig}); the request is walked through this one. Equal to `resources` when Envoy accepts all.
   */
  readonly accepted: ResourceSet;
  /** The config MeshProxyPatch started from (the diff's left side); the final config when it did not run. */
  readonly beforePatch: ResourceSet;
  /** Who wrote which field (for the provenance of limits). */
  readonly writes: WriteIndex;
  readonly modifications: readonly ModificationReport[];
  readonly configError: ConfigError | undefined;
  readonly policies: readonly PolicySummary[];
  readonly outbounds: Pick<OutboundGeneration, "dns" | "filtered" | "allocatedVips">;
  /** Per in-mesh outbound listener, the legacy TrafficLog that logs connections through it. */
  readonly outboundLogs: Readonly<Record<string, string>>;
  /** What the legacy TrafficLog selected for `pass_through` did to the outbound passthrough listeners. */
  readonly passThroughLog: PassThroughLog | undefined;
  readonly warnings: readonly Warning[];
  readonly assumptions: readonly string[];
  /** Rendered by `traceTexts` (long lists cut unless the answer is asked for whole). */
  readonly trace: readonly TraceLine[];
}

function describeRef(ref: TargetRef): string {
  const parts = [ref.kind];
  if (ref.name) parts.push(ref.name);
  if (ref.labels) parts.push(JSON.stringify(ref.labels));
  if (ref.tags) parts.push(JSON.stringify(ref.tags));
  return parts.join(" ");
}

/**
 * One `envoy-nack` warning per rejected resource (its type, name and Envoy's message), and the assumption about
 * what Envoy runs instead: Envoy keeps the last version of the resource it accepted (lds_api.cc, cds_api_helper.cc
 * @ envoy v1.38.2), which meshsim takes to be the resource in the config before MeshProxyPatch when Envoy accepts
 * that one, else the resource as Kuma's generators made it before any policy plugin (a proxy that ran before the
 * policies that broke it), and otherwise no such resource.
 */
function explainRejections(acc: AcceptedConfig, stages: { beforePatch: ResourceSet | undefined; generated: ResourceSet }): { warnings: Warning[]; assumptions: string[]; trace: string[] } {
  const warnings: Warning[] = [];
  const trace: string[] = [];
  for (const r of acc.rejections) {
    const rule = envoyRule(r.rule);
    const whole = r.scope === "update" ? ` Envoy checks this when it decodes the update, so it refuses every ${r.type} of the update and keeps all the ${r.type}s it had.` : "";
    warnings.push({
      code: "envoy-nack",
      message: `Envoy rejects ${r.type} ${r.name}: "${r.message}" (rule ${r.rule}, envoy ${rule.envoyFile} @ v${ENVOY_VERSION}).${whole} Kuma keeps sending it and Envoy keeps NACKing it.`,
    });
    trace.push(`Envoy ${ENVOY_VERSION} rejects ${r.type} ${r.name}: ${r.message}`);
  }
  if (acc.kept.length === 0) return { warnings, assumptions: [], trace };
  // Which stage the kept version comes from (acceptedConfig keeps the very objects of the previous config).
  const stageOf = (type: string, name: string): string => {
    const r = acc.resources.find((x) => x.type === type && x.name === name);
    if (r && stages.beforePatch?.includes(r)) return "as in the config before MeshProxyPatch";
    return stages.beforePatch ? "as generated before the policy plugins (Envoy rejects it before MeshProxyPatch too)" : "as generated before the policy plugins";
  };
  const parts = acc.kept.map((k) =>
    k.keptFrom === "previous"
      ? `${k.type} ${k.name} ${stageOf(k.type, k.name)} (the last version Envoy would have accepted)`
      : `no ${k.type} ${k.name} (Envoy never accepted a version of it: a proxy that started with this config has none)`,
  );
  const assumptions = [
    `Envoy rejects part of this config and keeps the last version of each rejected resource it accepted, which meshsim cannot see: the verdict, route and limits are computed on the config Envoy keeps, assumed to have ${parts.join("; ")}. \`config\` and \`diff\` show the config Kuma sends.`,
  ];
  return { warnings, assumptions, trace };
}

/**
 * Whether a policy of `def`'s kind selects `dp` (its mesh, then its top-level targetRef or the kind's own selection):
 * the policies a plugin gets for the dataplane. A policy that selects no dataplane changes none, unless its plugin
 * reads every policy of the mesh ({@link PolicyDefinition.readsMeshPolicies}).
 */
export function policySelects(def: PolicyDefinition, p: PolicyResource, dp: DataplaneModel): boolean {
  const api = def.api;
  if (!api || p.envelope.mesh !== dp.mesh) return false;
  return api.selects ? api.selects(p.spec, dp) : selectsDataplane(effectiveTargetRef(api.targetRef(p.spec)), dp, p.envelope.namespace, p.role);
}

export function buildProxy(snap: Snapshot, f: VersionFeatures, dp: DataplaneModel, mesh: MeshModel, zone: ZoneSettings): ProxyState {
  const warnings: Warning[] = [];
  const assumptions: string[] = [];
  const trace: TraceLine[] = [`Kuma ${releaseLabel(f.release)}, dataplane ${dp.name} in mesh ${mesh.name}`];
  // Kuma's generation is a ProxyTemplate's (kuma pkg/xds/server/v3/reconcile.go GenerateSnapshot): the selected one, else
  // the built-in `imports: [default-proxy]`; Kuma's generators and (from 2.6.0) the policy plugins are that profile.
  const template = resolveProxyTemplate(snap.policies, dp);
  const templateName = template.policy?.envelope.name;
  if (template.policy) {
    trace.push(`ProxyTemplate ${templateName} selects this dataplane: imports [${template.imports.join(", ")}]${template.outranked.length > 0 ? ` (over ${template.outranked.join(", ")})` : ""}`);
    warnings.push(...unmodelledImports(template));
    if (!template.generatesDefault)
      warnings.push({
        code: "proxy-template-no-default",
        message: `ProxyTemplate "${templateName}" does not import default-proxy: Kuma generates none of its default listeners and clusters for this proxy${f.policyPluginsInDefaultProfile ? " and runs no policy plugins (they are part of that profile from 2.6.0)" : ""}; only its raw resources and modifications shape the config`,
      });
  }
  // Legacy TrafficLog matching (kuma pkg/core/logs/matcher.go); meshsim needs only the `pass_through` entry.
  const trafficLogs = matchTrafficLogs(dp, snap.trafficLogs);
  const gen = generateTransparentProxy(dp, mesh, f, Object.fromEntries(Object.entries(trafficLogs).map(([service, m]) => [service, m.log])));
  trace.push(
    gen.plan.disabledReason
      ? `TransparentProxyGenerator: nothing generated (${gen.plan.disabledReason})`
      : `TransparentProxyGenerator: ${gen.plan.scheme} names, families ${gen.plan.families.map((x) => x.family).join(", ")}${mesh.passthrough ? "" : "; Mesh networking.outbound.passthrough is false, so no outbound passthrough clusters"}`,
  );
  const logNotes = explainPassThroughLog(
    trafficLogs[PASS_THROUGH_SERVICE],
    gen.passThroughLog,
    gen.plan.families.map((x) => passthroughName("outbound", x.family, gen.plan.scheme)),
  );
  trace.push(...logNotes.trace);
  warnings.push(...logNotes.warnings);
  assumptions.push(...logNotes.assumptions);

  // In-mesh destinations: VIP listeners with a transparent proxy, explicit ones without. A Mesh*Service without status
  // gets the VIP and hostnames kuma-cp would write.
  const addressed = assignServiceAddresses(snap.destinations, snap.hostnameGenerators, f, zone.environment);
  for (const n of addressed.notes) if (n.mesh === mesh.name) assumptions.push(n.text);
  // meshsim does not model MeshIdentity selection: a MeshIdentity in the mesh is taken to select the proxy.
  const identity = snap.ignored.some((r) => r.kind === "MeshIdentity" && r.mesh === mesh.name);
  if (identity && f.mesClusterNeedsIdentity)
    assumptions.push(`a MeshIdentity exists in mesh ${mesh.name}: assumed to select ${dp.name}, so it gets MeshExternalService clusters (meshsim does not model MeshIdentity)`);
  if (!f.outboundTagsField && snap.destinations.some((d) => d.kind === "Service"))
    assumptions.push(`Kuma ${f.minor} generates outbounds only for MeshService, MeshExternalService and MeshMultiZoneService: a Kubernetes Service is reached through the MeshService kuma-cp generates for it, which the snapshot must hold (kubectl get meshservices -A -o yaml)`);
  const outbounds: OutboundGeneration = gen.plan.disabledReason
    ? {
        resources: generateExplicitOutbounds(dp, f),
        dns: [],
        filtered: [],
        allocatedVips: [],
        targets: explicitOutboundTargets(dp, serviceProtocols(snap.dataplanes.includes(dp) ? snap.dataplanes : [...snap.dataplanes, dp], snap.destinations, mesh.name)),
      }
    : generateOutbounds({
        dataplane: dp,
        dataplanes: snap.dataplanes.includes(dp) ? snap.dataplanes : [...snap.dataplanes, dp],
        mesh,
        destinations: addressed.destinations,
        features: f,
        scheme: gen.plan.scheme,
        reachableServices: dp.reachableServices,
        reachableBackends: dp.reachableBackends,
        workloadIdentity: identity,
      });
  // Strict inbound ports reshape the inbound passthrough listener (2.13+); InboundProxyGenerator adds the
  // inbound listeners and local clusters for the Mesh's mTLS mode (MeshTLS, order 300, overrides it).
  // Legacy TrafficLog on the in-mesh outbound listeners (OutboundProxyGenerator, only in a Mesh with a TrafficRoute).
  const outLog = applyOutboundTrafficLogs(outbounds.resources, {
    dataplane: dp,
    mesh,
    selected: matchTrafficLogs(dp, snap.trafficLogs, outboundServices(outbounds.resources)),
    meshHasTrafficRoute: snap.ignored.some((r) => r.kind === "TrafficRoute" && r.mesh === mesh.name),
    httpServices: httpServicesOf(snap.dataplanes, mesh.name),
  });
  trace.push(...outLog.trace);
  warnings.push(...outLog.warnings);
  const strict = applyStrictInboundPorts(gen.resources, dp, mesh, f, gen.plan, identity);
  trace.push(...strict.trace);
  const inbound = generateInbound(dp, mesh, f, mesh.mtls);
  trace.push(...inbound.trace);
  let rs: ResourceSet = template.generatesDefault ? [...strict.resources, ...inbound.resources, ...outLog.resources] : [];
  if (!template.generatesDefault) trace.push(`ProxyTemplate ${templateName} does not import default-proxy: the generated resources above are not part of the config`);
  let beforePatch: ResourceSet | undefined;
  // The pass_through TrafficLog's access log on the outbound passthrough tcp_proxy, as the provenance of that log.
  const passThroughWrites: Write[] =
    gen.passThroughLog?.status === "file"
      ? gen.resources.flatMap((r) =>
          r.type === "listener" && r.origin === ORIGIN.transparent && gen.plan.families.some((x) => passthroughName("outbound", x.family, gen.plan.scheme) === r.name)
            ? [{ resource: resourceKey(r), pointer: "/filterChains/0/filters/0/typedConfig/accessLog/0", source: `TrafficLog/${gen.passThroughLog!.trafficLog.name}`, seq: 0 }]
            : [],
        )
      : [];
  let writes: Write[] = template.generatesDefault ? [...passThroughWrites, ...outLog.writes].map((w, i) => ({ ...w, seq: i })) : [];
  // 2.5: the template generator (profiles, then raw resources) runs whole before the policy plugins.
  const addRaw = () => {
    if (!template.policy) return;
    const raw = addRawResources(rs, template.policy);
    rs = raw.resources;
    // A raw resource replaces the generated one whole: what plugins wrote into it is gone.
    const replaced = new Set(raw.written.map((w) => w.resource));
    writes = [...writes.filter((w) => !replaced.has(w.resource)), ...raw.written.map((w) => ({ ...w, pointer: "" }))].map((w, seq) => ({ ...w, seq }));
    warnings.push(...raw.warnings);
    trace.push(...raw.trace);
  };
  if (!f.policyPluginsInDefaultProfile) addRaw();
  const outboundListeners = template.generatesDefault ? outbounds.resources.filter((r) => r.type === "listener").length : 0;
  if (outboundListeners > 0) trace.push(`outbound listeners for in-mesh destinations: ${outboundListeners}`);

  // The config as Kuma's generators made it, before any policy plugin: the oldest version meshsim can offer for a
  // resource Envoy rejects.
  const generated = rs;
  // The writes as they stood when `beforePatch` was taken: the provenance of a version Envoy keeps from then.
  let writesBeforePatch: readonly Write[] = [];
  let modifications: readonly ModificationReport[] = [];
  let configError: ConfigError | undefined;
  const policies: PolicySummary[] = [];
  const pluginsRun = template.generatesDefault || !f.policyPluginsInDefaultProfile;
  for (const def of pluginsRun ? POLICIES : []) {
    const plugin = def.plugin;
    if (!plugin || !kindExistsAt(def, f.release) || (plugin.enabled && !plugin.enabled(f))) continue;
    const api = def.api;
    const refOf = (spec: unknown) => effectiveTargetRef(api?.targetRef(spec));
    const selected = api ? sortPolicies(snap.policies.filter((p) => p.kind === def.kind && policySelects(def, p, dp)), (p) => refOf(p.spec)) : [];
    for (const p of selected) policies.push({ kind: p.kind, name: p.envelope.name, mesh: p.envelope.mesh, targetRef: api?.describe ? api.describe(p.spec) : describeRef(refOf(p.spec)), role: p.role, whatIf: p.whatIf });
    if (selected.length === 0 && !def.runsWithoutPolicies) continue;
    // The config before the first plugin that reports modifications is the diff's left side.
    if (def.reports.includes("modifications") && !beforePatch) {
      beforePatch = rs;
      writesBeforePatch = writes;
    }
    const meshPolicies = def.readsMeshPolicies ? { meshPolicies: snap.policies.filter((p) => p.envelope.mesh === dp.mesh) } : {};
    const out = plugin.apply(rs, {
      features: f,
      dataplane: dp,
      mesh,
      transparentProxy: gen.plan,
      policies: selected,
      ...meshPolicies,
      workloadIdentity: identity,
      outboundTargets: template.generatesDefault ? (outbounds.targets ?? []) : [],
      environment: zone.environment,
      ...(snap.yaml ? { yaml: snap.yaml } : {}),
    });
    warnings.push(...out.warnings);
    if (out.assumptions) assumptions.push(...out.assumptions);
    trace.push(...out.trace);
    if (out.modifications) modifications = [...modifications, ...out.modifications];
    writes = rebaseWrites(writes, rs, out.resources);
    if (out.writes) writes = [...writes, ...out.writes.map((w, i) => ({ resource: w.resource, pointer: w.pointer, source: w.source, seq: writes.length + i }))];
    if (out.configError) {
      configError = out.configError;
      break;
    }
    rs = out.resources;
  }

  // 2.6+: raw resources come after the default-proxy profile, policy plugins included.
  if (!configError && f.policyPluginsInDefaultProfile) addRaw();

  // ResourceSet hooks run after every plugin: the Kubernetes API-server bypass when the Mesh flag is off.
  if (!configError && zone.environment === "kubernetes" && !mesh.passthrough) {
    const api = zone.apiServer ?? { address: "10.96.0.1", port: 443 };
    if (!zone.apiServer) assumptions.push("zone.apiServer not given: assumed the API server at 10.96.0.1:443 (KUBERNETES_SERVICE_HOST/PORT)");
    rs = addApiServerBypass(rs, api, gen.plan.scheme, f);
    trace.push(`Kubernetes API-server bypass (passthrough off): listener and ORIGINAL_DST cluster for ${api.address}:${api.port}`);
  }
  // ProxyTemplate modifications run last, after the hooks (reconcile.go), so they override MeshProxyPatch.
  if (template.policy) {
    const tpl = template.policy;
    const selectors = ((tpl.spec as ProxyTemplateSpec).selectors ?? []).map((x) => x.match ?? {});
    policies.unshift({ kind: PROXY_TEMPLATE_KIND, name: tpl.envelope.name, mesh: tpl.envelope.mesh, targetRef: `selectors ${JSON.stringify(selectors)}`, role: tpl.role, whatIf: false });
    const count = (tpl.spec as ProxyTemplateSpec).conf?.modifications?.length ?? 0;
    if (count > 0 && configError) {
      const skipped = ((tpl.spec as ProxyTemplateSpec).conf?.modifications ?? []).map((m, i): ModificationReport => {
        const kind = modKinds(m)[0] ?? "cluster";
        return { source: `${tpl.envelope.name}#${i}`, policy: tpl.envelope.name, policyIndex: i, index: i, kind, operation: m[kind]?.operation ?? "", status: "skipped", matched: [], message: "not run: Kuma stopped at an earlier error", hints: [] };
      });
      modifications = [...modifications, ...skipped];
    } else if (count > 0) {
      if (!beforePatch) {
        beforePatch = rs;
        writesBeforePatch = writes;
      }
      const out = applyTemplateModifications(rs, tpl, f);
      warnings.push(...out.warnings);
      trace.push(...out.trace);
      modifications = [...modifications, ...out.modifications];
      if (out.error) configError = { plugin: "ProxyTemplate", message: out.error.message, policy: tpl.envelope.name, modification: out.error.index };
      else {
        writes = [...rebaseWrites(writes, rs, out.resources), ...out.writes.map((w, i) => ({ resource: w.resource, pointer: w.pointer, source: w.source, seq: writes.length + i }))];
        rs = out.resources;
      }
    }
  }
  // What Envoy does with the config Kuma sends (Kuma sends it even when Envoy NACKs it: it keeps no record).
  // Envoy keeps the last version it accepted: meshsim offers the config before MeshProxyPatch, and for what Envoy
  // rejects there too, the config as generated before the policy plugins (itself taken as Envoy accepts it).
  const memo = new ValidationMemo();
  const previous = configError ? rs : acceptedConfig(beforePatch ?? rs, generated, memo).resources;
  const accepted: AcceptedConfig = configError ? { resources: rs, rejections: [], kept: [] } : acceptedConfig(rs, previous, memo);
  const nack = explainRejections(accepted, { beforePatch, generated });
  warnings.push(...nack.warnings);
  assumptions.push(...nack.assumptions);
  trace.push(...nack.trace);
  const lost = new Set(accepted.kept.map((k) => `${k.type}/${k.name}`));
  // A kept resource that is the version from before the patches keeps the writes that made that version.
  const keptFromBeforePatch = new Set(
    [...lost].filter((key) => {
      const now = accepted.resources.find((r) => resourceKey(r) === key);
      return now !== undefined && beforePatch !== undefined && beforePatch.some((r) => r === now);
    }),
  );
  const effectiveWrites =
    lost.size === 0 ? writes : [...writes.filter((w) => !lost.has(w.resource)), ...writesBeforePatch.filter((w) => keptFromBeforePatch.has(w.resource))];
  return {
    dataplane: dp,
    mesh,
    plan: gen.plan,
    resources: rs,
    accepted: accepted.resources,
    beforePatch: beforePatch ?? rs,
    // Writes to a resource Envoy did not take are not in the config the request walks through; the version it keeps
    // brings its own.
    writes: indexWrites(effectiveWrites),
    modifications: markRejected(modifications, writes, accepted.rejections),
    configError,
    policies,
    // Without default-proxy there are no outbound listeners, so nothing to say about filtered destinations or VIPs.
    outbounds: template.generatesDefault ? outbounds : { dns: [], filtered: [], allocatedVips: [] },
    passThroughLog: gen.passThroughLog,
    outboundLogs: outLog.logged,
    warnings,
    assumptions,
    trace,
  };
}

