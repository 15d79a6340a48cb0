package io.chatsignals.devstack.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sandbox flow as README documents it, driven from outside: {@code local-run --no-traffic} in a separate JVM, the
 * curl lines it prints posted by a shell, the statuses read with the printed {@code status tail} command of the CLI's
 * jar; one provider pointed at a stub with {@code --provider-url}, whose calls must arrive there and not at the
 * simulator.
 */
class LocalRunSandboxTest {
    private static final Path ROOT = Path.of("..", "..").toAbsolutePath().normalize();
    private static final Path CLI_JAR = ROOT.resolve("cli/target/chat-signals-cli-0.1.0-SNAPSHOT-all.jar");

    private final List<String> printed = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> stubCalls = new CopyOnWriteArrayList<>();
    private Process localRun;
    private HttpServer stub;

    @AfterEach
    void stop() throws Exception {
        if (localRun != null) {
            localRun.destroy(); // SIGTERM: the local run stops its stack (a shutdown hook)
            if (!localRun.waitFor(60, TimeUnit.SECONDS)) {
                localRun.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (stub != null) {
            stub.stop(0);
        }
    }

    @Test
    void printedCurlsBecomeSucceededStatusesAndAProviderUrlGetsItsCalls() throws Exception {
        assertThat(CLI_JAR)
                .as("the CLI's jar (mvn -B -q install -DskipTests builds it)")
                .exists();
        startStub();
        String stubUrl = "http://127.0.0.1:" + stub.getAddress().getPort();
        Path scriptFile = Files.createTempFile("local-run-sandbox-", ".sh");
        localRun = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx1g",
                        "-cp",
                        System.getProperty("java.class.path"),
                        LocalRun.class.getName(),
                        "--no-traffic",
                        "--workers",
                        "1",
                        "--partitions",
                        "2",
                        "--registry-mode",
                        "in-process",
                        "--error-rate",
                        "0",
                        "--providers",
                        "8x8,nxcloud,whatsapp-cloud,infobip,messenger,twilio,google-rbm",
                        "--provider-url",
                        "whatsapp-cloud=" + stubUrl)
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .start();
        Thread reader = new Thread(() -> readLines(localRun), "local-run-output");
        reader.setDaemon(true);
        reader.start();
        Awaitility.await("the local run's sandbox lines")
                .atMost(3, TimeUnit.MINUTES)
                .pollInterval(200, TimeUnit.MILLISECONDS)
                .until(() -> printed.stream().anyMatch(l -> l.startsWith("no traffic:")) || !localRun.isAlive());
        assertThat(localRun.isAlive())
                .as("local run still up; printed:%n%s", String.join("\n", printed))
                .isTrue();
        assertThat(printed).anyMatch(l -> l.equals("whatsapp-cloud calls go to " + stubUrl + " (not the simulator)"));

        List<String> curls = printed.stream().filter(l -> l.startsWith("curl ")).toList();
        assertThat(curls)
                .as("a curl per webhook provider and one for the activity API")
                .hasSize(8);
        String tail = printed.stream()
                .filter(l -> l.startsWith(Sandbox.CLI + " status tail"))
                .findFirst()
                .orElseThrow();
        List<String> script = new ArrayList<>();
        script.add(printed.stream()
                .filter(l -> l.startsWith("export "))
                .findFirst()
                .orElseThrow());
        script.addAll(curls);
        script.add("timeout 120 " + tail + " --max 6");
        Files.writeString(scriptFile, String.join("\n", script) + "\n");
        Process shell = new ProcessBuilder("bash", "-euo", "pipefail", scriptFile.toString())
                .directory(ROOT.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String output = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(shell.waitFor(150, TimeUnit.SECONDS)).isTrue();
        assertThat(shell.exitValue()).as("the script's output:%n%s", output).isZero();

        List<String> lines = output.lines().toList();
        assertThat(lines.stream().filter(l -> l.endsWith(" 200")).count())
                .as("every webhook and the activity answered 200:%n%s", output)
                .isEqualTo(8);
        ObjectMapper json = new ObjectMapper();
        Map<String, String> outcomes = new ConcurrentHashMap<>();
        for (String line : lines) {
            if (line.startsWith("{\"commandId\"")) { // a status; the ingress answers are JSON too
                JsonNode status = json.readTree(line);
                outcomes.put(
                        status.path("provider").asText(), status.path("outcome").asText());
            }
        }
        assertThat(outcomes)
                .as("statuses read by status tail:%n%s", output)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "EIGHT_BY_EIGHT",
                        "SUCCEEDED",
                        "NXCLOUD",
                        "SUCCEEDED",
                        "WHATSAPP_CLOUD",
                        "SUCCEEDED",
                        "INFOBIP",
                        "SUCCEEDED",
                        "MESSENGER",
                        "SUCCEEDED",
                        "GOOGLE_RBM",
                        "SUCCEEDED")); // Twilio has no read call: its message alone, with typing on agent typing, calls
        // nothing
        assertThat(stubCalls)
                .as("the Cloud API's read call went to the stub")
                .singleElement()
                .satisfies(call -> {
                    assertThat(call.get("path")).matches("/v[0-9.]+/1065[0-9]+/messages");
                    assertThat(call.get("authorization")).isEqualTo("Bearer local-cloud-token");
                    assertThat(call.get("body")).contains("\"status\":\"read\"");
                });
    }

    private void startStub() throws IOException {
        stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stub.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            stubCalls.add(Map.of(
                    "path",
                    exchange.getRequestURI().getPath(),
                    "authorization",
                    String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")),
                    "body",
                    body));
            byte[] answer = "{\"success\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        stub.start();
    }

    private void readLines(Process process) {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                printed.add(line);
            }
        } catch (IOException e) {
            printed.add("(output closed: " + e.getMessage() + ")");
        }
    }
}
