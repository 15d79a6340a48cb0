package io.chatsignals.devstack.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code ./run-local.sh --help} answers at once, without building, with the local run's own options. */
class LocalRunHelpTest {

    @Test
    void runLocalHelpIsTheLocalRunsUsageAndNeedsNoBuild() throws Exception {
        Process script = new ProcessBuilder(
                        "bash", Path.of("..", "..", "run-local.sh").toString(), "--help")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String printed = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(script.waitFor(10, TimeUnit.SECONDS))
                .as("answers without building")
                .isTrue();
        assertThat(script.exitValue()).isZero();
        assertThat(printed).isEqualTo(new CommandLine(new LocalRun()).getUsageMessage(CommandLine.Help.Ansi.OFF));
    }
}
