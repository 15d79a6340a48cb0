package io.chatsignals.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The worker's boundary (package-info): other modules' main code uses only its API, and a provider's package is
 * reached from the rest of the worker only through its registration.
 */
class WorkerBoundaryTest {
    private static final Pattern WORKER_TYPE = Pattern.compile("\\bio\\.chatsignals\\.worker\\.([\\w.]*[A-Z]\\w*)");
    private static final Pattern PROVIDER_UNIT =
            Pattern.compile("\\bio\\.chatsignals\\.worker\\.provider\\.([a-z]\\w*)\\.([A-Z]\\w*)");

    @Test
    void otherModulesMainCodeUsesOnlyTheWorkersApi() throws IOException {
        Set<String> used = new TreeSet<>();
        for (Path p : javaFiles(Path.of(".."))) {
            if (p.toString().contains("/src/main/java/") && !p.startsWith(Path.of("..", "sender-worker"))) {
                Matcher m = WORKER_TYPE.matcher(Files.readString(p));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        assertThat(used).isNotEmpty().isSubsetOf("WorkerApp", "WorkerSettings");
    }

    @Test
    void aProvidersPackageIsReachedOnlyThroughItsRegistration() throws IOException {
        Set<String> reached = new TreeSet<>();
        for (Path p : javaFiles(Path.of("src", "main", "java"))) {
            Matcher m = PROVIDER_UNIT.matcher(Files.readString(p));
            while (m.find()) {
                if (!p.toString().contains("/provider/" + m.group(1) + "/")) {
                    reached.add(m.group(1) + "." + m.group(2));
                }
            }
        }
        assertThat(reached).isNotEmpty().allSatisfy(type -> assertThat(type).endsWith("Registration"));
    }

    private static List<Path> javaFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(
                            p -> p.toString().endsWith(".java") && !p.toString().contains("/target/"))
                    .toList();
        }
    }
}
