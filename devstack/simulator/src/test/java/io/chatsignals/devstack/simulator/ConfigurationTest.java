package io.chatsignals.devstack.simulator;

import static io.chatsignals.devstack.simulator.SimulatorFixture.ACME_KEY;
import static io.chatsignals.devstack.simulator.SimulatorFixture.NX_SECRET;
import static io.chatsignals.devstack.simulator.SimulatorFixture.PHONE;
import static io.chatsignals.devstack.simulator.SimulatorFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Config files, configurable limits on read/typing, and secrets kept out of what the simulator prints. */
class ConfigurationTest {

    @Test
    void theExampleConfigLoadsAndItsSecretsStayHidden() {
        SimulatorConfig config = SimulatorConfig.load(Path.of("simulator.example.json"));
        assertThat(config.port).isEqualTo(8089);
        assertThat(config.eightByEight.apiKeys).containsKey("local-8x8-key");
        assertThat(config.behaviour.latency().kind()).isEqualTo("lognormal");
        assertThat(config.nxcloud.credentials.get("local-access-key").appKeys)
                .containsEntry("8613800000000", "local-app");
        assertThat(config.toString()).doesNotContain("local-8x8-key").doesNotContain("local-access-secret");
    }

    @Test
    void unknownKeysAreAnErrorNamingTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"prot\": 8080}");
        assertThatThrownBy(() -> SimulatorConfig.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad.json")
                .hasMessageContaining("prot");
    }

    @Test
    void configuredReadAndTypingLimitsAreEnforcedPerAccount() {
        try (SimulatorFixture fx = new SimulatorFixture(true, c -> {
            c.eightByEight.readPerSecond = 2;
            c.nxcloud.typingPerSecond = 1;
        })) {
            List<Integer> statuses = List.of(1, 2, 3).stream()
                    .map(i -> fx.eightByEight("POST", "acme_support/messages/" + umid(i) + "/read", ACME_KEY, null)
                            .statusCode())
                    .toList();
            assertThat(statuses).containsExactly(200, 200, 429);
            assertThat(fx.eightByEight("POST", "acme.sales/messages/" + umid(9) + "/read", ACME_KEY, null)
                            .statusCode())
                    .isEqualTo(200);

            long ts = System.currentTimeMillis();
            assertThat(json(fx.nxcloud(
                                    "typingIndicator",
                                    ts,
                                    SimulatorFixture.typingBody("app-1", PHONE, "w1"),
                                    NX_SECRET))
                            .get("code")
                            .asInt())
                    .isZero();
            var limited =
                    fx.nxcloud("typingIndicator", ts, SimulatorFixture.typingBody("app-1", PHONE, "w2"), NX_SECRET);
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).isPresent();
            assertThat(json(limited).get("code").asInt()).isEqualTo(-1);
        }
    }

    /** @return a UUID umid (8x8 umids are UUIDs) numbered n */
    private static String umid(int n) {
        return String.format("6f1c2d3e-0000-4000-8000-%012d", n);
    }
}
