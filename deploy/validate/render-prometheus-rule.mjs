// Renders the one source of the alert rules, docker/prometheus/alerts.yml (a Prometheus rule file, which Compose's
// Prometheus loads as it is), as the Prometheus Operator's PrometheusRule of deploy/k8s/base/prometheus-rule.yaml.
//   node deploy/validate/render-prometheus-rule.mjs            writes the file
//   node deploy/validate/render-prometheus-rule.mjs --check    exit 1 when the committed file is not the rendering
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse, stringify } from "yaml";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const SOURCE = join(ROOT, "docker/prometheus/alerts.yml");
const TARGET = join(ROOT, "deploy/k8s/base/prometheus-rule.yaml");
const rules = parse(readFileSync(SOURCE, "utf8"));
const rendered = "# Rendered from docker/prometheus/alerts.yml by deploy/validate/render-prometheus-rule.mjs: edit that file, then\n"
  + "# run the script (deploy/validate/check fails while the two differ).\n"
  + stringify({
    apiVersion: "monitoring.coreos.com/v1",
    kind: "PrometheusRule",
    metadata: { name: "chat-signals", labels: { "app.kubernetes.io/part-of": "chat-signals" } },
    spec: { groups: rules.groups },
  }, { lineWidth: 0 });
if (process.argv.includes("--check")) {
  let current = "";
  try { current = readFileSync(TARGET, "utf8"); } catch { /* missing: differs */ }
  if (current !== rendered) {
    console.error(`${TARGET} is not the rendering of ${SOURCE}: run node deploy/validate/render-prometheus-rule.mjs`);
    process.exit(1);
  }
  console.log("PrometheusRule matches docker/prometheus/alerts.yml");
} else {
  writeFileSync(TARGET, rendered);
}
