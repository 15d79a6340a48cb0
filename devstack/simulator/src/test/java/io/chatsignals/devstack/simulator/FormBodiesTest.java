package io.chatsignals.devstack.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A form-encoded call (Twilio's API, Google's OAuth token endpoint) needs nothing of the working directory: the
 * simulator writes no uploads directory there. Where the working directory is not writable — the devstack image runs
 * as uid 10001 in a root-owned /app — Vert.x answered every form body 500 while it tried to make one, and the Compose
 * demo's Google RBM and Twilio calls all failed.
 */
class FormBodiesTest {
    @Test
    void aFormBodyLeavesNothingInTheWorkingDirectory() throws Exception {
        Path uploads = Path.of("file-uploads");
        if (Files.isDirectory(uploads)) {
            try (var left = Files.list(uploads)) {
                for (Path p : left.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(uploads);
        }
        try (SimulatorFixture sim = new SimulatorFixture(true)) {
            HttpResponse<String> answer = sim.send(
                    "POST",
                    "/token",
                    Map.of("Content-Type", "application/x-www-form-urlencoded"),
                    "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=a.b.c");
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400); // read as a form: a bad assertion
            assertThat(answer.body()).contains("invalid_grant");
        }
        assertThat(uploads).doesNotExist();
    }
}
