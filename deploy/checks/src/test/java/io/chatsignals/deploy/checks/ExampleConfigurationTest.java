package io.chatsignals.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.chatsignals.ingress.IngressSettings;
import io.chatsignals.ops.AppConfig;
import io.chatsignals.streams.StreamsSettings;
import io.chatsignals.worker.WorkerSettings;
import io.chatsignals.worker.provider.Registrations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each app's example configuration ({@code <app>/<app>.example.properties}) held against the app: it shows every
 * setting the app reads (a provider's rate limits: those it documents), each under a comment; a mapped setting shown
 * commented out shows its mapping's default; every key it shows is one the app reads; and the app's settings parse from
 * the file as it is.
 */
class ExampleConfigurationTest {
    /** Bearer tokens given one per client ({@code <family>.<client>}): the example shows a client's. */
    private static final Set<String> TOKEN_FAMILIES = Set.of("activity.token", "admin.token");

    /** A setting, set or commented out: {@code key=value} or {@code # key=value}. */
    private static final Pattern ENTRY = Pattern.compile("^(# )?([a-z0-9][a-z0-9.\\-]*)=(.*)$");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"streams-app", "sender-worker", "ingress"})
    void showsEverySettingTheAppReadsWithItsDefaultUnderAComment(String app) throws Exception {
        Path file = Path.of("..", "..", app, app + ".example.properties");
        List<String> lines = Files.readAllLines(file);
        Map<String, String> shown = new LinkedHashMap<>();
        Set<String> commentedOut = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher entry = ENTRY.matcher(lines.get(i));
            if (!entry.matches()) {
                continue;
            }
            String key = entry.group(2);
            shown.put(key, entry.group(3));
            if (entry.group(1) != null) {
                commentedOut.add(key);
            }
            int above = i - 1; // the nearest line above that is no setting: the comment of this one's group
            while (above >= 0 && ENTRY.matcher(lines.get(above)).matches()) {
                above--;
            }
            assertThat(above >= 0 && lines.get(above).startsWith("# "))
                    .as("%s: a comment above %s", app, key)
                    .isTrue();
        }

        Set<String> read = AppSettings.keysRead(app);
        Set<String> expected = read.stream()
                .filter(k -> !k.endsWith(".acme") && !k.endsWith("-file") && !TOKEN_FAMILIES.contains(k))
                .filter(k -> !k.startsWith("limits.") || k.startsWith("limits.adaptive.") || k.equals("limits.margin"))
                .collect(Collectors.toSet());
        assertThat(shown.keySet())
                .as("%s's example shows every setting it reads", app)
                .containsAll(expected);

        for (Map.Entry<String, Optional<String>> mapped :
                AppSettings.mapped(app).entrySet()) {
            if (mapped.getValue().isPresent() && commentedOut.contains(mapped.getKey())) {
                assertThat(shown.get(mapped.getKey()))
                        .as("%s: the default %s shows", app, mapped.getKey())
                        .isEqualTo(mapped.getValue().get());
            }
        }
        for (String key : shown.keySet()) {
            String secret = key.replaceFirst("-file$", "");
            boolean reads = read.contains(key)
                    || read.contains(secret)
                    || Registrations.secretKeys().contains(secret) // read per account, when a command needs it
                    || key.startsWith("kafka.")
                    || TOKEN_FAMILIES.stream().anyMatch(family -> key.startsWith(family + "."));
            assertThat(reads)
                    .as("%s reads %s, which its example shows", app, key)
                    .isTrue();
        }

        AppConfig config = AppConfig.load(file);
        assertThatCode(() -> {
                    switch (app) {
                        case "streams-app" -> StreamsSettings.from(config);
                        case "ingress" -> IngressSettings.from(config);
                        default -> WorkerSettings.from(config);
                    }
                })
                .as("%s starts from its example", app)
                .doesNotThrowAnyException();
    }
}
