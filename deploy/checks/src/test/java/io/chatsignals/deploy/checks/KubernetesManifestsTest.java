package io.chatsignals.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.chatsignals.contract.Schemas;
import io.chatsignals.ops.Durations;
import io.chatsignals.streams.StreamsApp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes deployment as a cluster would receive it: {@code kubectl kustomize deploy/k8s/overlays/example}
 * (kubectl is installed by {@code .ci/install-toolchain}), checked against the apps: every variable a setting the app
 * reads, ports and probe paths the apps serve, service links off, the state volume where streams-app keeps its state,
 * KEDA scaling on the worker's group and topic with at most one replica per partition, termination grace that covers
 * each app's close, schemas registered by the job and never by the apps.
 */
class KubernetesManifestsTest {
    private static final Path OVERLAY = Path.of("..", "..", "deploy", "k8s", "overlays", "example");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final int PARTITIONS = 12; // of chat.commands.v1, as created by docker/compose.yaml
    private static final Map<String, JsonNode> BY_KIND_AND_NAME = new HashMap<>();

    @BeforeAll
    static void render() throws Exception {
        Process kubectl = new ProcessBuilder("kubectl", "kustomize", OVERLAY.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String rendered = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(kubectl.exitValue())
                .as("kubectl kustomize " + OVERLAY + " renders")
                .isZero();
        for (JsonNode doc : YAML.readerFor(JsonNode.class).readValues(rendered).readAll().stream()
                .map(JsonNode.class::cast)
                .toList()) {
            BY_KIND_AND_NAME.put(
                    doc.path("kind").asText() + "/"
                            + doc.at("/metadata/name").asText().replaceAll("-[a-z0-9]{10}$", ""),
                    doc);
        }
    }

    @Test
    void everyVariableIsASettingTheAppReads() {
        Map<String, String> shared = configMap("chat-signals");
        Map<String, String> providers = new HashMap<>();
        get("Secret/chat-signals-providers").path("data").fieldNames().forEachRemaining(k -> providers.put(k, ""));
        for (String variable : variables(container("StatefulSet/streams-app"), shared, Map.of())
                .keySet()) {
            assertThat(AppSettings.streamsReads(variable))
                    .as("streams-app reads no setting for " + variable)
                    .isTrue();
        }
        Map<String, String> worker = variables(container("Deployment/sender-worker"), shared, providers);
        for (String variable : worker.keySet()) {
            assertThat(AppSettings.workerReads(variable))
                    .as("sender-worker reads no setting for " + variable)
                    .isTrue();
        }
        assertThat(worker)
                .containsKeys("EIGHTBYEIGHT_API_KEY", "NXCLOUD_SECRET", "BOOTSTRAP_SERVERS", "SCHEMA_REGISTRY_URL");
        assertThat(shared).containsEntry("AUTO_REGISTER_SCHEMAS", "false");
    }

    @Test
    void serviceLinksAreOffAndProbesAndPortsAreTheAppsOwn() {
        for (String workload : List.of("StatefulSet/streams-app", "Deployment/sender-worker")) {
            assertThat(get(workload)
                            .at("/spec/template/spec/enableServiceLinks")
                            .asBoolean(true))
                    .as(workload)
                    .isFalse();
        }
        for (String workload : List.of("StatefulSet/streams-app", "Deployment/sender-worker")) {
            JsonNode c = container(workload);
            String port = variables(c, Map.of(), Map.of()).get("HTTP_PORT");
            assertThat(c.at("/ports/0/containerPort").asText()).as(workload).isEqualTo(port);
            assertThat(c.at("/ports/0/name").asText()).isEqualTo("http");
            assertThat(c.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/health/ready");
            assertThat(c.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/health/live");
        }
        JsonNode monitor = get("PodMonitor/chat-signals");
        assertThat(monitor.at("/spec/podMetricsEndpoints/0/port").asText()).isEqualTo("http");
        assertThat(monitor.at("/spec/podMetricsEndpoints/0/path").asText()).isEqualTo("/metrics");
        assertThat(get("StatefulSet/streams-app")
                        .at("/spec/template/metadata/labels/app.kubernetes.io~1part-of")
                        .asText())
                .isEqualTo(monitor.at("/spec/selector/matchLabels/app.kubernetes.io~1part-of")
                        .asText());
    }

    @Test
    void streamsAppKeepsItsStateAndHasStandbysAndTimeToClose() {
        JsonNode set = get("StatefulSet/streams-app");
        JsonNode c = container("StatefulSet/streams-app");
        String stateDir = variables(c, Map.of(), Map.of()).get("STATE_DIR");
        assertThat(c.at("/volumeMounts/0/mountPath").asText()).isEqualTo(stateDir);
        assertThat(set.at("/spec/volumeClaimTemplates/0/metadata/name").asText())
                .isEqualTo(c.at("/volumeMounts/0/name").asText());
        assertThat(Integer.parseInt(variables(c, Map.of(), Map.of()).get("KAFKA_NUM_STANDBY_REPLICAS")))
                .isPositive();
        assertThat(set.at("/spec/template/spec/terminationGracePeriodSeconds").asLong())
                .isGreaterThan(StreamsApp.CLOSE_TIMEOUT.toSeconds());
        assertThat(get("PodDisruptionBudget/streams-app")
                        .at("/spec/maxUnavailable")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void theWorkerScalesOnTheLagOfItsOwnGroupAndTopicAtMostOneReplicaPerPartition() {
        JsonNode scaled = get("ScaledObject/sender-worker");
        Map<String, String> worker =
                variables(container("Deployment/sender-worker"), configMap("chat-signals"), Map.of());
        JsonNode trigger = scaled.at("/spec/triggers/0");
        assertThat(trigger.path("type").asText()).isEqualTo("kafka");
        // read from the worker's own environment, so that the group and the address are set in one place
        assertThat(worker)
                .containsKey(trigger.at("/metadata/consumerGroupFromEnv").asText());
        assertThat(trigger.at("/metadata/consumerGroupFromEnv").asText()).isEqualTo("GROUP_ID");
        assertThat(trigger.at("/metadata/bootstrapServersFromEnv").asText()).isEqualTo("BOOTSTRAP_SERVERS");
        assertThat(worker).containsKey("BOOTSTRAP_SERVERS");
        assertThat(trigger.at("/metadata/topic").asText()).isEqualTo(Schemas.Topics.COMMANDS);
        assertThat(get("Deployment/sender-worker").at("/spec/replicas").isMissingNode())
                .as("KEDA owns the replica count: a replicas field would reset it on every apply")
                .isTrue();
        assertThat(trigger.at("/metadata/allowIdleConsumers").asText()).isEqualTo("false");
        assertThat(scaled.at("/spec/maxReplicaCount").asInt()).isLessThanOrEqualTo(PARTITIONS);
        assertThat(scaled.at("/spec/scaleTargetRef/name").asText()).isEqualTo("sender-worker");
        long grace = Durations.parse(worker.get("SHUTDOWN_GRACE")).toSeconds();
        assertThat(get("Deployment/sender-worker")
                        .at("/spec/template/spec/terminationGracePeriodSeconds")
                        .asLong())
                .isGreaterThanOrEqualTo(grace + 10);
        assertThat(get("PodDisruptionBudget/sender-worker")
                        .at("/spec/maxUnavailable")
                        .asInt())
                .isEqualTo(1);
    }

    /**
     * ingress: every variable a setting it reads (its webhook secrets from their own Secret), its webhook port behind the
     * Service and its ops port named http (scraped and probed), service links off, replicas owned by the HPA.
     */
    @Test
    void ingressServesWebhooksBehindAServiceAndScalesOnCpu() {
        Map<String, String> secrets = new HashMap<>();
        get("Secret/chat-signals-ingress").path("data").fieldNames().forEachRemaining(k -> secrets.put(k, ""));
        JsonNode c = container("Deployment/ingress");
        Map<String, String> variables = variables(c, configMap("chat-signals"), secrets);
        for (String variable : variables.keySet()) {
            assertThat(AppSettings.ingressReads(variable))
                    .as("ingress reads no setting for " + variable)
                    .isTrue();
        }
        assertThat(variables).containsKeys("WEBHOOKS_8X8_AUTHORIZATION", "WEBHOOKS_WHATSAPP_CLOUD_APP_SECRET");
        Map<String, String> ports = new HashMap<>();
        c.path("ports")
                .forEach(p -> ports.put(
                        p.path("name").asText(), p.path("containerPort").asText()));
        assertThat(ports)
                .containsEntry("webhooks", variables.get("SERVER_PORT"))
                .containsEntry("http", variables.get("HTTP_PORT"));
        assertThat(c.at("/readinessProbe/httpGet/port").asText()).isEqualTo("http");
        assertThat(get("Deployment/ingress")
                        .at("/spec/template/spec/enableServiceLinks")
                        .asBoolean(true))
                .isFalse();
        assertThat(get("Deployment/ingress").at("/spec/replicas").isMissingNode())
                .as("the HPA owns the replica count")
                .isTrue();
        assertThat(get("Service/ingress").at("/spec/ports/0/targetPort").asText())
                .isEqualTo("webhooks");
        JsonNode hpa = get("HorizontalPodAutoscaler/ingress");
        assertThat(hpa.at("/spec/scaleTargetRef/kind").asText()).isEqualTo("Deployment");
        assertThat(hpa.at("/spec/scaleTargetRef/name").asText()).isEqualTo("ingress");
    }

    @Test
    void eachAppRegistersTheSchemasWithTheCliBeforeItStarts() {
        for (String workload : List.of("StatefulSet/streams-app", "Deployment/sender-worker", "Deployment/ingress")) {
            JsonNode init = get(workload).at("/spec/template/spec/initContainers/0");
            assertThat(init.path("args").get(0).asText()).as(workload).isEqualTo("register-schemas");
            assertThat(init.path("image").asText()).endsWith("/chat-signals/cli:0.1.0");
            assertThat(init.at("/envFrom/0/configMapRef/name").asText()).startsWith("chat-signals-");
        }
        assertThat(BY_KIND_AND_NAME.keySet()).noneMatch(k -> k.startsWith("Job/"));
    }

    /**
     * The kubelet refuses {@code runAsNonRoot} with a named image user ("image has non-numeric user, cannot verify user
     * is non-root"): every image of ours ends with a numeric {@code USER uid:gid}, and each pod runs as that uid.
     */
    @Test
    void everyImageRunsAsTheNumericUserItsPodsName() throws Exception {
        int pods = 0;
        for (JsonNode resource : BY_KIND_AND_NAME.values()) {
            JsonNode spec = resource.at("/spec/template/spec");
            if (spec.isMissingNode()) {
                continue;
            }
            pods++;
            for (String list : List.of("initContainers", "containers")) {
                for (JsonNode c : spec.path(list)) {
                    String image = c.path("image").asText();
                    if (!image.contains("chat-signals/")) {
                        continue; // a third-party image runs as the pod's numeric user (deploy/validate checks it is
                        // set)
                    }
                    String name = image.substring(image.lastIndexOf('/') + 1).replaceAll(":.*$", "");
                    String[] user = DockerfileUser.of(Path.of("..", "..", "docker", name + ".Dockerfile"));
                    JsonNode context = c.path("securityContext").has("runAsUser")
                            ? c.path("securityContext")
                            : spec.path("securityContext");
                    assertThat(context.path("runAsUser").asText()).as(image).isEqualTo(user[0]);
                    assertThat(context.path("runAsGroup").asText()).as(image).isEqualTo(user[1]);
                }
            }
        }
        assertThat(pods).as("streams-app, sender-worker, ingress, Connect").isEqualTo(4);
    }

    /**
     * The Huawei path: Connect in distributed mode with the connector config of the one file Compose mounts too, its
     * ${env:…} values in the pod's environment, and streams-app reading the connector's topic.
     */
    @Test
    void theHuaweiCaseConnectorRunsOnConnectWithItsSecretsFromTheEnvironment() throws Exception {
        JsonNode pod = get("Deployment/connect").at("/spec/template/spec");
        JsonNode connect = pod.at("/containers/0");
        assertThat(connect.path("image").asText()).endsWith("/chat-signals/connect:0.1.0");
        Map<String, String> env = new HashMap<>(configMap("chat-signals"));
        env.putAll(configMap("huawei-connector"));
        get("Secret/chat-signals-providers").path("data").fieldNames().forEachRemaining(k -> env.put(k, ""));
        env.putAll(variables(connect, Map.of(), Map.of()));
        String config = Files.readString(ComposeCoherenceTest.CONNECTOR);
        assertThat(config).contains("\"huawei.iam.password\": \"${env:");
        for (String variable : ComposeCoherenceTest.envVariables(config)) {
            assertThat(env).as("the Connect pod's environment").containsKey(variable);
        }
        assertThat(get("ConfigMap/huawei-cases").at("/data/huawei-cases.json").asText())
                .isEqualTo(config);
        assertThat(env).containsKeys("BOOTSTRAP_SERVERS", "SCHEMA_REGISTRY_URL", "CONNECT_ADVERTISED_HOST");
        assertThat(variables(container("StatefulSet/streams-app"), Map.of(), Map.of()))
                .containsEntry("TOPIC_INBOUND_HUAWEI_CASE", Schemas.Topics.INBOUND_HUAWEI_CASE);
    }

    private static JsonNode get(String kindAndName) {
        assertThat(BY_KIND_AND_NAME).as("rendered resources").containsKey(kindAndName);
        return BY_KIND_AND_NAME.get(kindAndName);
    }

    private static JsonNode container(String workload) {
        return get(workload).at("/spec/template/spec/containers/0");
    }

    private static Map<String, String> configMap(String name) {
        Map<String, String> out = new HashMap<>();
        get("ConfigMap/" + name)
                .path("data")
                .properties()
                .forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    /** @return the container's variables: from the ConfigMap and Secret it names, then its own {@code env} */
    private static Map<String, String> variables(
            JsonNode container, Map<String, String> configMap, Map<String, String> secret) {
        Map<String, String> out = new HashMap<>();
        for (JsonNode from : container.path("envFrom")) {
            out.putAll(from.has("secretRef") ? secret : configMap);
        }
        for (JsonNode e : container.path("env")) {
            out.put(e.path("name").asText(), e.path("value").asText());
        }
        return out;
    }
}
