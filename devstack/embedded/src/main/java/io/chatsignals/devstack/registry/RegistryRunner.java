package io.chatsignals.devstack.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Finds the Apicurio Registry runner jar built by {@code devstack/registry-runner} (a Quarkus legacy-jar:
 * {@code apicurio-registry-runner.jar} with its {@code lib/} folder beside it).
 *
 * <p>Looked up, first match wins: system property {@code chatsignals.registry.runner}, environment variable
 * {@code CHATSIGNALS_REGISTRY_RUNNER}, then the path recorded at build time in {@code devstack-embedded.properties}.
 */
public final class RegistryRunner {
    /** System property naming the runner jar. */
    public static final String PROPERTY = "chatsignals.registry.runner";
    /** Environment variable naming the runner jar. */
    public static final String ENV = "CHATSIGNALS_REGISTRY_RUNNER";

    private RegistryRunner() {}

    /**
     * @return the path of the runner jar, which exists
     * @throws IllegalStateException if no candidate exists, with the command that builds it
     */
    public static Path locate() {
        String configured = System.getProperty(PROPERTY, System.getenv(ENV));
        Path jar = configured != null && !configured.isBlank() ? Path.of(configured) : recordedAtBuild();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Apicurio registry runner not found at " + jar
                    + ": build it with `mvn -B -pl devstack/registry-runner package` from the repository root,"
                    + " or point -D" + PROPERTY + " / " + ENV + " at an apicurio-registry-runner.jar");
        }
        return jar.toAbsolutePath().normalize();
    }

    private static Path recordedAtBuild() {
        Properties props = new Properties();
        try (InputStream in = RegistryRunner.class.getResourceAsStream("/devstack-embedded.properties")) {
            if (in == null) {
                throw new IllegalStateException("devstack-embedded.properties is missing from the classpath");
            }
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Path.of(props.getProperty("registry.runner"));
    }
}
