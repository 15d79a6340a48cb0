package io.chatsignals.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsignals.ops.MappingProperties;
import io.chatsignals.providers.ProviderSpec;
import io.chatsignals.providers.ProviderSpecs;
import io.chatsignals.worker.provider.GatewayRegistration;
import io.chatsignals.worker.provider.Registrations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each provider's page ({@code docs/providers/<key>.md}) held against the apps: the page exists, every key of its
 * "Settings and secrets" table is one the app its row names reads (a secret: one the worker's registration names),
 * and every setting and secret of the provider's worker registration has a row. The pages cannot drift from the code.
 */
class ProviderPagesTest {
    private static final Path PAGES = Path.of("..", "..", "docs", "providers");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    static Stream<ProviderSpec> providers() {
        return ProviderSpecs.known().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void everyRowIsASettingTheAppReadsAndEveryWorkerSettingHasARow(ProviderSpec spec) throws Exception {
        Path page = PAGES.resolve(spec.key() + ".md");
        assertThat(page).as("docs/providers/" + spec.key() + ".md").exists();
        Map<String, List<String>> rows = settingsTable(Files.readAllLines(page));
        assertThat(rows).as(page + ": its settings table").isNotEmpty();
        Set<String> secrets = Set.copyOf(Registrations.secretKeys());
        for (Map.Entry<String, List<String>> row : rows.entrySet()) {
            for (String app : row.getValue()) {
                boolean read = app.equals("sender-worker") && secrets.contains(row.getKey())
                        || AppSettings.keysRead(app).contains(row.getKey());
                assertThat(read)
                        .as(page + ": " + app + " reads " + row.getKey())
                        .isTrue();
            }
        }
        for (GatewayRegistration r : Registrations.ALL) {
            if (r.provider() != spec.provider()) {
                continue;
            }
            List<String> expected =
                    new ArrayList<>(MappingProperties.of(r.settings()).keySet());
            expected.addAll(r.secretKeys());
            for (String key : expected) {
                assertThat(rows).as(page + ": a row for " + key).containsKey(key);
            }
        }
    }

    /**
     * @return key → the apps its row names, for every key in the first cell of the rows under "## Settings and
     *         secrets"; a key's {@code [.<account>]} part is left out
     */
    private static Map<String, List<String>> settingsTable(List<String> lines) {
        int at = lines.indexOf("## Settings and secrets");
        assertThat(at).as("a '## Settings and secrets' section").isNotNegative();
        while (!lines.get(at).startsWith("| key |")) {
            at++;
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (int i = at + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String[] cells = lines.get(i).split("\\|");
            List<String> apps = List.of(cells[2].trim().split(",\\s*"));
            Matcher m = CODE.matcher(cells[1]);
            while (m.find()) {
                out.put(m.group(1).replaceFirst("\\[.*$", ""), apps);
            }
        }
        return out;
    }
}
