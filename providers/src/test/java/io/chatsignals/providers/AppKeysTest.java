package io.chatsignals.providers;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsignals.schema.Provider;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AppKeysTest {
    /** As configured: {@code nxcloud.app-key=app-default}, {@code nxcloud.app-key.8613800000001=app-of-phone}. */
    private static final Map<String, String> SETTINGS =
            Map.of("nxcloud.app-key", "app-default", "nxcloud.app-key.8613800000001", " app-of-phone ");

    private static final AppKeys KEYS = AppKeys.of(key -> Optional.ofNullable(SETTINGS.get(key)), prefix -> {
        Map<String, String> under = new HashMap<>();
        SETTINGS.forEach((k, v) -> {
            if (k.startsWith(prefix + ".")) {
                under.put(k.substring(prefix.length() + 1), v);
            }
        });
        return under;
    });

    @ParameterizedTest(name = "{0} {1} record key [{2}] → [{3}]")
    @CsvSource(
            nullValues = "null",
            textBlock =
                    """
            NXCLOUD,        8613800000001, app-own, app-own
            NXCLOUD,        8613800000001, null,    app-of-phone
            NXCLOUD,        8613800000001, '  ',    app-of-phone
            NXCLOUD,        8613800000002, null,    app-default
            NXCLOUD,        null,          null,    app-default
            EIGHT_BY_EIGHT, acme_support,  null,    null
            EIGHT_BY_EIGHT, acme_support,  app-own, app-own
            """)
    void aRecordKeepsItsOwnKeyElseTakesItsAccountsElseTheProvidersDefault(
            Provider provider, String account, String recordKey, String expected) {
        assertThat(KEYS.resolve(provider, recordKey, account).orElse(null)).isEqualTo(expected);
    }

    @Test
    void aProviderWithoutConfiguredKeysKeepsTheRecordsValueAsItIs() {
        assertThat(KEYS.resolve(Provider.EIGHT_BY_EIGHT, " ", "acme_support")).contains(" ");
        assertThat(AppKeys.none().resolve(Provider.NXCLOUD, null, "8613800000001"))
                .isEmpty();
    }

    @Test
    void theSettingsReadAreThoseOfEveryProviderThatNeedsAKey() {
        assertThat(AppKeys.settingPrefixes()).containsExactly("nxcloud.");
    }
}
