package io.chatsignals.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RenamedSettingsTest {
    private static final Map<String, String> RENAMED = Map.of("acme.", "acme-corp.");

    /** Settings given as {@code key=value;key=value}; upper-case keys are environment variables. */
    private static AppConfig config(String settings) {
        Map<String, String> values = new HashMap<>();
        Map<String, String> environment = new HashMap<>();
        Arrays.stream(settings.split(";"))
                .map(kv -> kv.split("=", 2))
                .forEach(kv -> (kv[0].equals(kv[0].toUpperCase(Locale.ROOT)) ? environment : values).put(kv[0], kv[1]));
        return AppConfig.of(values, environment).withRenamed(RENAMED);
    }

    @ParameterizedTest(name = "{0}: {1} = {2}")
    @CsvSource(
            delimiter = '|',
            nullValues = "null",
            textBlock =
                    """
            acme-corp.url=new                   | acme-corp.url | new
            acme.url=old                        | acme-corp.url | old
            acme.url=old;acme-corp.url=new      | acme-corp.url | new
            ACME_URL=old-env                    | acme-corp.url | old-env
            ACME_CORP_URL=new-env;acme.url=old  | acme-corp.url | new-env
            acme.url=old                        | acme.url      | old
            other.url=x                         | acme-corp.url | null
            acmeish.url=x                       | acme-corp.url | null
            """)
    void aKeyUnderTheNewPrefixFallsBackToItsOldName(String settings, String key, String expected) {
        assertThat(config(settings).optional(key).orElse(null)).isEqualTo(expected);
    }

    /** A mapping of the new name, with a default. */
    @ConfigMapping(prefix = "")
    interface Settings {
        @WithName("acme-corp.url")
        @WithDefault("the-default")
        String url();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            acme.url=old                   | old
            ACME_URL=old-env               | old-env
            acme-corp.url=new;acme.url=old | new
            other.url=x                    | the-default
            """)
    void aMappingReadsTheOldNameBeforeItsDefault(String settings, String expected) {
        assertThat(config(settings).mapping(Settings.class).url()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            acme.user.a=1;acme-corp.user.b=2            | a=1;b=2
            acme.user.a=old;acme-corp.user.a=new        | a=new
            ACME_USER_A=1;acme-corp.user.b=2            | a=1;b=2
            """)
    void perAccountKeysUnderTheOldPrefixAreFoundByAPrefixScanOfTheNewOne(String settings, String expected) {
        Map<String, String> want = new HashMap<>();
        Arrays.stream(expected.split(";")).map(kv -> kv.split("=", 2)).forEach(kv -> want.put(kv[0], kv[1]));
        assertThat(config(settings).withPrefix("acme-corp.user")).isEqualTo(want);
    }
}
