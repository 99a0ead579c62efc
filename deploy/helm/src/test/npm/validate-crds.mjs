// Validates rendered custom resources against their published schemas (KEDA, External Secrets,
// Prometheus Operator),
// through the kubernetes-models classes' validate(). Usage: node validate-crds.mjs doc.json...
// Each file holds one manifest as JSON. Exits 1 and prints every failure when any is invalid.
import { readFileSync } from "node:fs";
import { ScaledObject, TriggerAuthentication } from "@kubernetes-models/keda/keda.sh/v1alpha1";
import { ExternalSecret } from "@kubernetes-models/external-secrets/external-secrets.io/v1";
import { PodMonitor, PrometheusRule } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1";

const models = {
  "keda.sh/v1alpha1/ScaledObject": ScaledObject,
  "keda.sh/v1alpha1/TriggerAuthentication": TriggerAuthentication,
  "external-secrets.io/v1/ExternalSecret": ExternalSecret,
  "monitoring.coreos.com/v1/PodMonitor": PodMonitor,
  "monitoring.coreos.com/v1/PrometheusRule": PrometheusRule,
};

let failures = 0;
for (const file of process.argv.slice(2)) {
  const doc = JSON.parse(readFileSync(file, "utf8"));
  const key = `${doc.apiVersion}/${doc.kind}`;
  const Model = models[key];
  if (!Model) {
    console.error(`${file}: no schema known for ${key}`);
    failures++;
    continue;
  }
  try {
    new Model(doc).validate();
    console.log(`${file}: ${key} valid`);
  } catch (e) {
    console.error(`${file}: ${key} invalid: ${e.message}`);
    failures++;
  }
}
process.exit(failures === 0 ? 0 : 1);
