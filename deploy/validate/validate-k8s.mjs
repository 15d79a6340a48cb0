// Validates rendered Kubernetes manifests (the output of `kubectl kustomize`, read from the files named as arguments)
// against the schemas of the APIs they use — Kubernetes, KEDA, the Prometheus Operator and Strimzi, through the npm
// models of kubernetes-models — strictly: a field the API does not define is an error (TypeScript's excess-property
// check of each object against the model's type), as is a value the schema refuses (the model's own validator).
// Then every pod template is held to the "restricted" Pod Security Standard
// (https://kubernetes.io/docs/concepts/security/pod-security-standards/), plus a read-only root file system.
// Exit 0 when everything passes; 1 with one line per problem otherwise.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

const HERE = dirname(fileURLToPath(import.meta.url));
// API groups of custom resources: the npm package that models them
const CRD_PACKAGES = {
  "keda.sh": "@kubernetes-models/keda",
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator",
  "kafka.strimzi.io": "@kubernetes-models/strimzi-kafka-operator",
};
const POD_VOLUME_TYPES = new Set([
  "configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret",
]);

/** @returns the module path of the model of an apiVersion and kind, e.g. kubernetes-models/apps/v1/Deployment */
function modelModule(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  if (CRD_PACKAGES[group]) return `${CRD_PACKAGES[group]}/${group}/${version}/${kind}`;
  if (group.includes(".") && !group.endsWith(".k8s.io")) throw new Error(`no schema known for ${apiVersion} ${kind}`);
  return group ? `kubernetes-models/${group}/${version}/${kind}` : `kubernetes-models/${version}/${kind}`;
}

function podSpecOf(resource) {
  switch (resource.kind) {
    case "Pod": return resource.spec;
    case "CronJob": return resource.spec?.jobTemplate?.spec?.template?.spec;
    case "Deployment": case "StatefulSet": case "DaemonSet": case "ReplicaSet": case "Job":
      return resource.spec?.template?.spec;
    default: return undefined;
  }
}

/** @returns the restricted profile's violations of one pod spec, each a sentence */
function podSecurityProblems(spec) {
  const problems = [];
  const pod = spec.securityContext ?? {};
  for (const host of ["hostNetwork", "hostPID", "hostIPC"]) if (spec[host]) problems.push(`${host} is set`);
  for (const v of spec.volumes ?? []) {
    const type = Object.keys(v).find((k) => k !== "name");
    if (!POD_VOLUME_TYPES.has(type)) problems.push(`volume ${v.name} is of type ${type}`);
  }
  const containers = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  for (const c of containers) {
    const sc = c.securityContext ?? {};
    const name = `container ${c.name}`;
    if ((sc.runAsNonRoot ?? pod.runAsNonRoot) !== true) problems.push(`${name}: runAsNonRoot is not true`);
    if ((sc.runAsUser ?? pod.runAsUser) === 0) problems.push(`${name}: runAsUser is 0`);
    if ((sc.runAsUser ?? pod.runAsUser) === undefined) problems.push(`${name}: no numeric runAsUser`);
    const seccomp = (sc.seccompProfile ?? pod.seccompProfile)?.type;
    if (seccomp !== "RuntimeDefault" && seccomp !== "Localhost") problems.push(`${name}: seccompProfile is ${seccomp}`);
    if (sc.allowPrivilegeEscalation !== false) problems.push(`${name}: allowPrivilegeEscalation is not false`);
    if (sc.privileged) problems.push(`${name}: privileged`);
    if (!(sc.capabilities?.drop ?? []).includes("ALL")) problems.push(`${name}: capabilities do not drop ALL`);
    for (const cap of sc.capabilities?.add ?? []) {
      if (cap !== "NET_BIND_SERVICE") problems.push(`${name}: adds capability ${cap}`);
    }
    if (sc.readOnlyRootFilesystem !== true) problems.push(`${name}: the root file system is writable`);
    for (const p of c.ports ?? []) if (p.hostPort) problems.push(`${name}: hostPort ${p.hostPort}`);
  }
  return problems;
}

/** Type-checks every resource against its model's TypeScript type: unknown fields and wrong types are errors. */
function strictTypeProblems(resources) {
  const dir = join(HERE, ".check");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  const lines = [];
  const owners = []; // line number (1-based) -> resource label
  resources.forEach(({ label, module, kind }, i) => {
    lines.push(`import type { I${kind} as T${i} } from "${module}";`);
    owners.push(label);
  });
  resources.forEach(({ label, body }, i) => {
    const json = JSON.stringify(body, null, 1).split("\n");
    json[0] = `export const r${i}: T${i} = ` + json[0];
    json[json.length - 1] += ";";
    for (const l of json) {
      lines.push(l);
      owners.push(label);
    }
  });
  writeFileSync(join(dir, "manifests.ts"), lines.join("\n") + "\n");
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, skipLibCheck: true, module: "esnext", moduleResolution: "bundler",
      target: "es2022", types: [] },
    files: ["manifests.ts"],
  }));
  try {
    execFileSync(process.execPath, [join(HERE, "node_modules/typescript/bin/tsc"), "-p", dir], { encoding: "utf8" });
    return [];
  } catch (e) {
    const out = `${e.stdout ?? ""}${e.stderr ?? ""}`;
    const problems = [];
    for (const m of out.matchAll(/manifests\.ts\((\d+),\d+\): error (TS\d+: .*)/g)) {
      problems.push(`${owners[Number(m[1]) - 1] ?? "?"}: ${m[2]}`);
    }
    return problems.length ? problems : [out.trim()];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const problems = [];
const resources = [];
for (const file of process.argv.slice(2)) {
  for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (doc.errors.length) { problems.push(`${file}: ${doc.errors[0].message}`); continue; }
    const body = doc.toJSON();
    if (!body) continue;
    if (body.kind === "Secret" && body.data) {
      // kustomize folds long base64 values over lines; the API server's decoder (Go's encoding/base64) skips the
      // line breaks, the schema's "byte" format does not: compare what the server decodes
      for (const k of Object.keys(body.data)) body.data[k] = String(body.data[k]).replace(/\s+/g, "");
    }
    const label = `${file}: ${body.kind}/${body.metadata?.name}`;
    let module;
    try { module = modelModule(body.apiVersion, body.kind); } catch (e) { problems.push(`${label}: ${e.message}`); continue; }
    try {
      const Model = (await import(module))[body.kind];
      new Model(body).validate();
    } catch (e) {
      problems.push(`${label}: ${e.message.split("\n")[0]}`);
      continue;
    }
    resources.push({ label, module, kind: body.kind, body });
    const spec = podSpecOf(body);
    if (spec) for (const p of podSecurityProblems(spec)) problems.push(`${label}: Pod Security (restricted): ${p}`);
  }
}
problems.push(...strictTypeProblems(resources));
for (const p of problems) console.error(p);
console.log(`${resources.length} resources checked, ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);
