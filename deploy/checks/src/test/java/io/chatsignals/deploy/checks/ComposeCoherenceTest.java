package io.chatsignals.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.chatsignals.connect.huawei.HuaweiCaseSourceConfig;
import io.chatsignals.connect.huawei.HuaweiCaseSourceConnector;
import io.chatsignals.contract.Schemas;
import io.chatsignals.devstack.kafka.ContainerKafka;
import io.chatsignals.devstack.run.fixture.HuaweiCaseFixture;
import io.chatsignals.ops.AppConfig;
import io.chatsignals.ops.Durations;
import io.chatsignals.streams.StreamsApp;
import io.chatsignals.streams.StreamsSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.connect.runtime.SourceConnectorConfig;
import org.apache.kafka.connect.runtime.distributed.DistributedConfig;
import org.junit.jupiter.api.Test;

/**
 * Docker cannot run here, so the compose deployment is checked against the apps and against what the images do:
 * every variable given to an app is a setting it reads, data lands on the volumes, the host can reach the broker,
 * services restart and get the time they need to stop, `up` works without `.env`, schemas are registered by the
 * one-shot job before apps that never register, and the demo profile wires the worker to the simulator.
 */
class ComposeCoherenceTest {
    private static final Path DOCKER = Path.of("..", "..", "docker");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String PROVIDERS_ENV_FILE = "PROVIDERS_ENV_FILE";
    private static final Pattern ENV_VARIABLE = Pattern.compile("\\$\\{env:([A-Z_]+)}");
    /** The one connector config: Compose mounts it, Kubernetes makes a ConfigMap of it. */
    static final Path CONNECTOR = Path.of("..", "..", "deploy", "k8s", "base", "connect", "huawei-cases.json");

    @Test
    void everyVariableGivenToStreamsAppIsASettingItReads() throws Exception {
        for (String variable : names(compose().at("/services/streams-app/environment"))) {
            assertThat(AppSettings.streamsReads(variable))
                    .as("streams-app reads no setting for " + variable)
                    .isTrue();
        }
    }

    @Test
    void everyVariableGivenToTheWorkerIsASettingItReads() throws Exception {
        JsonNode service = compose().at("/services/sender-worker");
        Set<String> variables = new HashSet<>(names(service.path("environment")));
        variables.addAll(envFile(".env.example").keySet());
        variables.addAll(envFile("demo.env").keySet());
        variables.remove(PROVIDERS_ENV_FILE); // Compose's own: which settings file the services read
        Set<String> connectorOnly = connectorVariables();
        for (String variable : variables) {
            assertThat(AppSettings.workerReads(variable)
                            || connectorOnly.contains(variable)
                            || AppSettings.ingressReads(variable))
                    .as("neither sender-worker, the Huawei connector nor ingress reads " + variable)
                    .isTrue();
        }
        assertThat(variables)
                .contains(
                        "EIGHTBYEIGHT_API_KEY",
                        "NXCLOUD_ACCESS_KEY",
                        "NXCLOUD_SECRET",
                        "EIGHTBYEIGHT_BASE_URL",
                        "NXCLOUD_BASE_URL");
    }

    @Test
    void theBrokerKeepsItsDataOnTheVolume() throws Exception {
        JsonNode kafka = compose().at("/services/kafka");
        String logDirs = kafka.at("/environment/KAFKA_LOG_DIRS").asText();
        assertThat(logDirs)
                .as("apache/kafka writes to /tmp/kraft-combined-logs unless KAFKA_LOG_DIRS is set")
                .isNotEmpty();
        assertThat(kafka.path("volumes").get(0).asText()).isEqualTo("kafka-data:" + logDirs);
        assertThat(compose().at("/volumes").has("kafka-data")).isTrue();
    }

    @Test
    void theHostReachesTheBrokerThroughAnAdvertisedListener() throws Exception {
        JsonNode env = compose().at("/services/kafka/environment");
        Map<String, String> advertised =
                listeners(env.path("KAFKA_ADVERTISED_LISTENERS").asText());
        Map<String, String> bound = listeners(env.path("KAFKA_LISTENERS").asText());
        String host = advertised.entrySet().stream()
                .filter(e -> e.getValue().startsWith("localhost:"))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no listener advertised to the host: " + advertised));
        String port = advertised.get(host).substring("localhost:".length());
        assertThat(bound.get(host)).isEqualTo(":" + port);
        assertThat(texts(compose().at("/services/kafka/ports"))).contains(port + ":" + port);
        assertThat(env.path("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").asText()).contains(host + ":");
        String internal = advertised.entrySet().stream()
                .filter(e -> e.getValue().startsWith("kafka:"))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseThrow();
        for (String app : List.of("streams-app", "sender-worker", "traffic")) {
            assertThat(compose()
                            .at("/services/" + app + "/environment/BOOTSTRAP_SERVERS")
                            .asText())
                    .as(app)
                    .isEqualTo(internal);
        }
    }

    @Test
    void longRunningServicesRestartAndGetTheTimeTheyNeedToStop() throws Exception {
        JsonNode services = compose().path("services");
        for (Iterator<String> it = services.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            boolean oneShot = services.at("/" + name + "/restart").asText().equals("no");
            assertThat(oneShot || services.at("/" + name + "/restart").asText().equals("unless-stopped"))
                    .as(name + " restarts after a crash or a reboot")
                    .isTrue();
        }
        Duration streams =
                Durations.parse(services.at("/streams-app/stop_grace_period").asText());
        assertThat(streams)
                .as("Docker's 10 s default would SIGKILL streams-app mid-close")
                .isGreaterThan(StreamsApp.CLOSE_TIMEOUT);
        Duration workerGrace = Durations.parse(
                services.at("/sender-worker/environment/SHUTDOWN_GRACE").asText());
        assertThat(Durations.parse(
                        services.at("/sender-worker/stop_grace_period").asText()))
                .isGreaterThanOrEqualTo(workerGrace.plusSeconds(10));
    }

    /** ingress reads every variable Compose gives it, its webhook port is published and it reads the same settings file. */
    @Test
    void everyVariableGivenToIngressIsASettingItReads() throws Exception {
        JsonNode service = compose().at("/services/ingress");
        for (String variable : names(service.path("environment"))) {
            assertThat(AppSettings.ingressReads(variable))
                    .as("ingress reads no setting for " + variable)
                    .isTrue();
        }
        assertThat(texts(service.path("ports"))).containsExactly("8088:8088");
        assertThat(texts(service.path("env_file"))).containsExactly("${" + PROVIDERS_ENV_FILE + ":-demo.env}");
        assertThat(envFile("demo.env"))
                .containsKeys(
                        "WEBHOOKS_8X8_AUTHORIZATION", "WEBHOOKS_WHATSAPP_CLOUD_APP_SECRET", "ACTIVITY_TOKEN_HELPDESK");
    }

    /**
     * `up` works before docker/.env exists, on Compose 1.29 too (no optional env_file entries): the services read
     * ${PROVIDERS_ENV_FILE:-demo.env}, a committed file, until docker/.env (from .env.example) points it at itself.
     */
    @Test
    void upWorksBeforeDotEnvIsCopied() throws Exception {
        for (String service : List.of("sender-worker", "connect")) {
            JsonNode envFiles = compose().at("/services/" + service + "/env_file");
            assertThat(texts(envFiles)).as(service).containsExactly("${" + PROVIDERS_ENV_FILE + ":-demo.env}");
        }
        assertThat(Files.exists(DOCKER.resolve("demo.env"))).isTrue();
        assertThat(envFile(".env.example")).containsEntry(PROVIDERS_ENV_FILE, ".env");
        assertThat(compose().has("name"))
                .as("a top-level name needs Compose v2.24+")
                .isFalse();
    }

    @Test
    void schemasAreRegisteredByTheJobBeforeAppsThatNeverRegister() throws Exception {
        JsonNode services = compose().path("services");
        assertThat(texts(services.at("/register-schemas/command"))).containsExactly("register-schemas");
        assertThat(services.at("/register-schemas/build/dockerfile").asText()).isEqualTo("docker/cli.Dockerfile");
        for (String app : List.of("streams-app", "sender-worker")) {
            assertThat(services.at("/" + app + "/environment/AUTO_REGISTER_SCHEMAS")
                            .asText())
                    .as(app)
                    .isEqualTo("false");
            assertThat(services.at("/" + app + "/depends_on/register-schemas/condition")
                            .asText())
                    .isEqualTo("service_completed_successfully");
        }
    }

    @Test
    void theDemoProfileWiresTheWorkerToTheSimulatorWithCredentialsItAccepts() throws Exception {
        JsonNode services = compose().path("services");
        for (String demo : List.of("simulator", "traffic")) {
            assertThat(texts(services.at("/" + demo + "/profiles"))).as(demo).containsExactly("demo");
        }
        JsonNode simulator = YAML.readTree(DOCKER.resolve("demo/simulator.json").toFile());
        String url = "http://simulator:" + simulator.path("port").asInt();
        Map<String, String> worker = envFile("demo.env");
        assertThat(worker.get("EIGHTBYEIGHT_BASE_URL")).isEqualTo(url);
        assertThat(worker.get("NXCLOUD_BASE_URL")).isEqualTo(url);
        assertThat(simulator.at("/eightByEight/apiKeys").has(worker.get("EIGHTBYEIGHT_API_KEY")))
                .isTrue();
        String accessKey = worker.get("NXCLOUD_ACCESS_KEY");
        assertThat(simulator.at("/nxcloud/credentials/" + accessKey + "/secret").asText())
                .isEqualTo(worker.get("NXCLOUD_SECRET"));
        assertThat(simulator.path("host").asText()).isEqualTo("0.0.0.0");
        assertThat(texts(services.at("/traffic/command")).get(0))
                .isEqualTo("io.chatsignals.devstack.run.traffic.TrafficMain");
        assertThat(texts(services.at("/simulator/command")).get(0))
                .isEqualTo("io.chatsignals.devstack.simulator.SimulatorMain");
    }

    /**
     * The demo's newer providers get calls the demo simulator accepts: Twilio's key, Messenger's token, and Google
     * RBM's demo service account — its key file's private key signs what the simulator's public key for that account
     * verifies, and its token endpoint is the simulator's.
     */
    @Test
    void theDemoWorkersTwilioMessengerAndRbmCredentialsAreTheSimulators() throws Exception {
        JsonNode simulator = YAML.readTree(DOCKER.resolve("demo/simulator.json").toFile());
        Map<String, String> worker = envFile("demo.env");
        String url = "http://simulator:" + simulator.path("port").asInt();
        assertThat(simulator
                        .at("/twilio/keys/" + worker.get("TWILIO_KEY_SID") + "/secret")
                        .asText())
                .isEqualTo(worker.get("TWILIO_KEY_SECRET"));
        assertThat(simulator.at("/messenger/tokens").has(worker.get("MESSENGER_TOKEN")))
                .isTrue();
        JsonNode key = new ObjectMapper().readTree(worker.get("GOOGLE_RBM_SERVICE_ACCOUNT_KEY"));
        assertThat(key.path("token_uri").asText()).isEqualTo(url + "/token");
        String email = key.path("client_email").asText();
        assertThat(simulator.at("/googleRbm/agents/*").asText()).isEqualTo(email);
        byte[] der = Base64.getMimeDecoder()
                .decode(key.path("private_key")
                        .asText()
                        .replace("-----BEGIN PRIVATE KEY-----", "")
                        .replace("-----END PRIVATE KEY-----", ""));
        java.security.Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)));
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        java.security.Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder()
                        .decode(simulator
                                .at("/googleRbm/serviceAccounts")
                                .path(email)
                                .asText()))));
        verifier.update(new byte[] {1, 2, 3});
        assertThat(verifier.verify(signature)).isTrue();
    }

    /**
     * The huawei profile: a Connect worker whose plugin path holds the connector jar, converters and config provider
     * that exist, and a connector config of keys the connector defines whose ${env:…} values docker/.env supplies.
     */
    @Test
    void theHuaweiProfileRunsTheConnectorOnADistributedConnectWorker() throws Exception {
        JsonNode services = compose().path("services");
        for (String service : List.of("connect", "connect-huawei-cases")) {
            assertThat(texts(services.at("/" + service + "/profiles")))
                    .as(service)
                    .containsExactly("huawei");
        }
        Properties worker = new Properties();
        try (var in = Files.newBufferedReader(DOCKER.resolve("connect/connect-distributed.properties"))) {
            worker.load(in);
        }
        String dockerfile = Files.readString(DOCKER.resolve("connect.Dockerfile"));
        assertThat(dockerfile)
                .contains("COPY --from=build --chown=10001:10001 /plugin/ " + worker.getProperty("plugin.path") + "/")
                .contains("dependency:copy-dependencies -DincludeScope=runtime")
                .as("Kafka's own jars come from the worker, never from the plugin directory")
                .contains("-DexcludeGroupIds=org.apache.kafka -DoutputDirectory=/plugin/huawei-case")
                .contains("connect-distributed.sh");
        for (String key : List.of("key.converter", "value.converter", "config.providers.env.class")) {
            assertThat(Class.forName(worker.getProperty(key))).as(key).isNotNull();
        }
        // the worker's addresses come from its environment (one worker file for Compose and Kubernetes)
        JsonNode connectEnv = services.at("/connect/environment");
        List<String> values =
                worker.stringPropertyNames().stream().map(worker::getProperty).toList();
        for (String variable : envVariables(String.join("\n", values))) {
            assertThat(connectEnv.has(variable))
                    .as("compose gives the Connect worker " + variable)
                    .isTrue();
        }
        assertThat(connectEnv.path("BOOTSTRAP_SERVERS").asText())
                .isEqualTo(compose()
                        .at("/services/streams-app/environment/BOOTSTRAP_SERVERS")
                        .asText());
        assertThat(connectEnv.path("SCHEMA_REGISTRY_URL").asText())
                .isEqualTo(compose()
                        .at("/services/streams-app/environment/SCHEMA_REGISTRY_URL")
                        .asText());
        assertThat(worker.getProperty("bootstrap.servers")).isEqualTo("${env:BOOTSTRAP_SERVERS}");
        assertThat(worker.getProperty("value.converter.schema.registry.url")).isEqualTo("${env:SCHEMA_REGISTRY_URL}");
        assertThat(worker.getProperty("value.converter.auto.register.schemas"))
                .as("registered by the job")
                .isEqualTo("false");
        assertThat(texts(services.at("/connect/ports")))
                .contains(worker.getProperty("listeners").replaceAll(".*:", "") + ":8083");

        JsonNode connector = YAML.readTree(CONNECTOR.toFile());
        Set<String> defined = new HashSet<>(HuaweiCaseSourceConfig.DEF.names());
        defined.addAll(
                SourceConnectorConfig.configDef().names()); // Connect's own: connector.class, exactly.once.support…
        for (Iterator<String> it = connector.fieldNames(); it.hasNext(); ) {
            assertThat(defined).as("a key the connector or Connect defines").contains(it.next());
        }
        assertThat(Class.forName(connector.path("connector.class").asText()))
                .isEqualTo(HuaweiCaseSourceConnector.class);
        assertThat(connector.path("topic").asText())
                .isEqualTo(compose()
                        .at("/services/streams-app/environment/TOPIC_INBOUND_HUAWEI_CASE")
                        .asText())
                .isEqualTo(Schemas.Topics.INBOUND_HUAWEI_CASE);
        assertThat(connector.path("huawei.iam.password").asText())
                .as("no secret in the config topic")
                .startsWith("${env:");
        assertThat(envFile(".env.example").keySet()).containsAll(connectorVariables());
        List<String> job = texts(services.at("/connect-huawei-cases/command"));
        assertThat(job).contains("PUT", "@/etc/connect/huawei-cases.json");
        assertThat(job.get(job.size() - 1))
                .isEqualTo("http://connect:8083/connectors/" + HuaweiCaseFixture.CONNECTOR + "/config");
        assertThat(services.at("/connect-huawei-cases/depends_on/connect/condition")
                        .asText())
                .isEqualTo("service_healthy");
    }

    /** @return the environment variables deploy/k8s/base/connect/huawei-cases.json reads through ${env:NAME} */
    private static Set<String> connectorVariables() throws Exception {
        return envVariables(Files.readString(CONNECTOR));
    }

    @Test
    void imagesBuildFromTheSourcesAndLeaveBuildOutputOut() throws Exception {
        for (String dockerfile : List.of("streams-app", "sender-worker", "cli", "devstack", "connect")) {
            String text = Files.readString(DOCKER.resolve(dockerfile + ".Dockerfile"));
            assertThat(text)
                    .as(dockerfile)
                    .contains("AS build")
                    .contains("mvn -B")
                    .contains("COPY --from=build");
        }
        assertThat(Files.readAllLines(DOCKER.resolve("../.dockerignore"))).contains("**/target", ".git", "docker/.env");
    }

    @Test
    void portsAgreeBetweenAppsComposePrometheusGrafanaAndHealthChecks() throws Exception {
        JsonNode services = compose().path("services");
        assertThat(services.at("/streams-app/environment/HTTP_PORT").asText()).isEqualTo("8080");
        assertThat(services.at("/streams-app/ports/0").asText()).isEqualTo("8080:8080");
        assertThat(services.at("/sender-worker/environment/HTTP_PORT").asText()).isEqualTo("8081");
        assertThat(services.path("sender-worker").has("ports"))
                .as("no host port, so the worker can scale")
                .isFalse();
        JsonNode prometheus =
                YAML.readTree(DOCKER.resolve("prometheus/prometheus.yml").toFile());
        assertThat(prometheus.at("/scrape_configs/0/static_configs/0/targets/0").asText())
                .isEqualTo("streams-app:8080");
        assertThat(prometheus.at("/scrape_configs/1/dns_sd_configs/0/names/0").asText())
                .isEqualTo("sender-worker");
        assertThat(prometheus.at("/scrape_configs/1/dns_sd_configs/0/port").asInt())
                .isEqualTo(8081);
        assertThat(texts(prometheus.path("rule_files"))).containsExactly("alerts.yml");
        assertThat(texts(services.at("/prometheus/volumes")))
                .contains("./prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro");
        JsonNode datasource = YAML.readTree(DOCKER.resolve("grafana/provisioning/datasources/prometheus.yml")
                        .toFile())
                .at("/datasources/0");
        assertThat(datasource.path("url").asText()).isEqualTo("http://prometheus:9090");
        JsonNode dashboard = YAML.readTree(
                DOCKER.resolve("grafana/dashboards/chat-signals.json").toFile());
        // a data-source variable, so that the dashboard imports into another Grafana; provisioned, it is ours
        JsonNode variable = dashboard.at("/templating/list/0");
        assertThat(variable.path("type").asText()).isEqualTo("datasource");
        assertThat(variable.path("query").asText())
                .isEqualTo(datasource.path("type").asText());
        assertThat(variable.at("/current/value").asText())
                .isEqualTo(datasource.path("uid").asText());
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(panel.at("/datasource/uid").asText())
                    .isEqualTo("${" + variable.path("name").asText() + "}");
        }
        assertThat(Files.readString(DOCKER.resolve("streams-app.Dockerfile")))
                .contains("HTTP_PORT=8080")
                .contains("127.0.0.1:8080/health/ready");
        assertThat(Files.readString(DOCKER.resolve("sender-worker.Dockerfile")))
                .contains("HTTP_PORT=8081")
                .contains("127.0.0.1:8081/health/ready");
        assertThat(StreamsSettings.from(AppConfig.of(AppSettings.required())).httpPort())
                .isEqualTo(8080);
    }

    @Test
    void theTopicsComposeCreatesAreTheOnesTheAppsUse() throws Exception {
        String command = compose().at("/services/topics/command/0").asText();
        Matcher m = Pattern.compile("for topic in ([^;]+);").matcher(command);
        assertThat(m.find()).isTrue();
        assertThat(Set.of(m.group(1).trim().split("\\s+"))).containsExactlyInAnyOrderElementsOf(Schemas.Topics.ALL);
    }

    /** One Kafka: the broker, the topic job and the Connect worker at the version of the clients the build uses. */
    @Test
    void everyKafkaImageIsTheKafkaTheBuildUses() throws Exception {
        String kafka = "apache/kafka:" + AppInfoParser.getVersion();
        JsonNode services = compose().path("services");
        assertThat(services.at("/kafka/image").asText()).isEqualTo(kafka);
        assertThat(services.at("/topics/image").asText()).isEqualTo(kafka);
        assertThat(Files.readString(DOCKER.resolve("connect.Dockerfile"))).contains("ARG KAFKA_IMAGE=" + kafka + "\n");
        assertThat(ContainerKafka.DEFAULT_IMAGE).isEqualTo(kafka);
    }

    /**
     * The worker file's ${env:NAME} values are resolved by Connect itself (its config provider), before the values
     * are parsed: a variable of the test JVM's environment stands in for the deployment's.
     */
    @Test
    void theConnectWorkerResolvesItsOwnSettingsFromTheEnvironment() throws Exception {
        Properties worker = new Properties();
        try (var in = Files.newBufferedReader(DOCKER.resolve("connect/connect-distributed.properties"))) {
            worker.load(in);
        }
        Map<String, String> props = new HashMap<>();
        worker.stringPropertyNames().forEach(k -> props.put(k, worker.getProperty(k)));
        props.put("bootstrap.servers", "${env:PATH}");
        props.put("rest.advertised.host.name", "${env:PATH}");
        props.replaceAll((k, v) -> v.equals("${env:CONNECT_REPLICATION_FACTOR}") ? "3" : v);
        DistributedConfig config = new DistributedConfig(props);
        assertThat(config.getList("bootstrap.servers")).containsExactly(System.getenv("PATH"));
        assertThat(config.getShort("config.storage.replication.factor")).isEqualTo((short) 3);
    }

    /** @return the variables a text names as ${env:NAME} (Connect's EnvVarConfigProvider syntax) */
    static Set<String> envVariables(String text) {
        Matcher m = ENV_VARIABLE.matcher(text);
        Set<String> out = new HashSet<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    static JsonNode compose() throws Exception {
        return YAML.readTree(DOCKER.resolve("compose.yaml").toFile());
    }

    /** @return the variables of an env file of docker/ (comments and blank lines left out) */
    private static Map<String, String> envFile(String name) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(DOCKER.resolve(name))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                out.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        return out;
    }

    private static Map<String, String> listeners(String spec) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String listener : spec.split(",")) {
            out.put(listener.substring(0, listener.indexOf("://")), listener.substring(listener.indexOf("://") + 3));
        }
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> names(JsonNode environment) {
        List<String> out = new ArrayList<>();
        environment.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
