package io.chatsignals.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsignals.ops.AppConfig;
import io.chatsignals.streams.StreamsSettings;
import io.chatsignals.streams.decide.DecisionSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The configuration tables (docs/configuration.md) held against the apps (issue 14): every property of an app's
 * {@code @ConfigMapping} has a row, with the mapping's default where the row shows one; every key a row names is one
 * the app reads. The tables cannot drift from the code.
 */
class ConfigurationTablesTest {
    private static final Path README = Path.of("..", "..", "docs", "configuration.md");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"streams-app", "sender-worker", "ingress"})
    void everyMappedPropertyHasARowWithItsDefaultAndEveryRowIsASettingTheAppReads(String app) throws Exception {
        Map<String, List<String>> rows = table(app);
        Map<String, Optional<String>> mapped = AppSettings.mapped(app);
        assertThat(mapped).isNotEmpty();
        for (Map.Entry<String, Optional<String>> property : mapped.entrySet()) {
            assertThat(rows)
                    .as("README row for " + app + " " + property.getKey())
                    .containsKey(property.getKey());
            List<String> documented = rows.get(property.getKey());
            if (property.getValue().isPresent() && !documented.isEmpty()) {
                assertThat(documented)
                        .as("README default of " + property.getKey())
                        .containsExactly(property.getValue().get());
            }
        }
        Set<String> read = AppSettings.keysRead(app);
        for (String key : rows.keySet()) {
            assertThat(read).as(app + " reads the key its README row names").contains(key);
        }
    }

    /** The decision defaults the tests build on are the ones the app starts with. */
    @Test
    void decisionDefaultsInCodeAreTheMappingsDefaults() {
        DecisionSettings started =
                StreamsSettings.from(AppConfig.of(AppSettings.required())).decisions();
        assertThat(started).usingRecursiveComparison().ignoringFields("appKeys").isEqualTo(DecisionSettings.defaults());
    }

    /**
     * @return key → the defaults its row shows (empty: none shown), for every plain key of the app's table: rows of
     *         dynamic keys ({@code [.<account>]}, {@code .<client>}), prefixes ({@code kafka.*}) and key suffixes ({@code .password}) are
     *         left out; several keys in one row take the defaults in order, or all the one default
     */
    private static Map<String, List<String>> table(String app) throws Exception {
        List<String> lines = Files.readAllLines(README);
        int at = lines.indexOf("### " + app);
        assertThat(at).as("README section ### " + app).isNotNegative();
        while (!lines.get(at).startsWith("| key |")) {
            at++;
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (int i = at + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String[] cells = lines.get(i).split("\\|");
            List<String> keys = codes(cells[1]);
            List<String> defaults = codes(cells[2]);
            for (int k = 0; k < keys.size(); k++) {
                String key = keys.get(k);
                if (key.contains("[")
                        || key.contains("<")
                        || key.contains("*")
                        || key.startsWith(".")
                        || key.startsWith("…")) {
                    continue;
                }
                out.put(
                        key,
                        defaults.size() == keys.size()
                                ? List.of(defaults.get(k))
                                : defaults.size() == 1 ? defaults : List.of());
            }
        }
        return out;
    }

    private static List<String> codes(String cell) {
        List<String> out = new ArrayList<>();
        Matcher m = CODE.matcher(cell);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
