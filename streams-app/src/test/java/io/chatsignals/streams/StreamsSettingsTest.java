package io.chatsignals.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsignals.ops.AppConfig;
import io.chatsignals.schema.Provider;
import io.chatsignals.serde.SerdeConfig;
import io.chatsignals.streams.decide.DecisionSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StreamsSettingsTest {

    @ParameterizedTest(name = "{0}={1} reaches the serde")
    @CsvSource({
        "auto.register.schemas,                  false",
        "basic.auth.credentials.source,          URL",
        "schema.registry.request.timeout.ms,     2000",
    })
    void everySerdeKeyReachesTheSerde(String key, String value) {
        AppConfig config = AppConfig.of(Map.of(
                "bootstrap.servers", "127.0.0.1:9092", "schema.registry.url", "http://127.0.0.1:8081", key, value));
        Map<String, Object> registry = StreamsSettings.from(config).registry();
        assertThat(registry).containsEntry(key, value);
        if (key.equals(SerdeConfig.AUTO_REGISTER_SCHEMAS)) {
            assertThat(SerdeConfig.from(registry).autoRegister()).isFalse();
        }
    }

    @ParameterizedTest(name = "{0} → {1}: read {2}, typing {3}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            ''                                              | EIGHT_BY_EIGHT | P30D  | PT2H
            ''                                              | NXCLOUD        | P30D  | PT24H
            ''                                              | HUAWEI_CASE    | P30D  | PT0S
            read.max-age=7d                                 | HUAWEI_CASE    | P7D   | PT0S
            read.max-age=7d,read.max-age.huawei-case=2d     | HUAWEI_CASE    | P2D   | PT0S
            read.max-age=7d,read.max-age.huawei-case=2d     | EIGHT_BY_EIGHT | P7D   | PT2H
            read.max-age=60d                                | NXCLOUD        | P30D  | PT24H
            read.max-age=60d                                | WHATSAPP_CLOUD | P30D  | PT24H
            read.max-age=60d,read.max-age.nxcloud=45d       | NXCLOUD        | P45D  | PT24H
            typing.window.8x8=1h                            | EIGHT_BY_EIGHT | P30D  | PT1H
            typing.window.8x8=1h                            | NXCLOUD        | P30D  | PT24H
            typing.window.nxcloud=12h                       | NXCLOUD        | P30D  | PT12H
            ''                                              | WHATSAPP_CLOUD | P30D  | PT24H
            typing.window.whatsapp-cloud=1h,read.max-age.whatsapp-cloud=1d | WHATSAPP_CLOUD | P1D | PT1H
            """)
    void perProviderWindowsTakeTheirOwnKeyElseTheProvidersWindowCappedByTheShared(
            String settings, Provider provider, Duration read, Duration typing) {
        Map<String, String> values = new HashMap<>(REQUIRED);
        for (String pair : settings.split(",")) {
            if (!pair.isBlank()) {
                values.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
        }
        DecisionSettings decisions = StreamsSettings.from(AppConfig.of(values)).decisions();
        assertThat(decisions.readMaxAge(provider)).isEqualTo(read);
        assertThat(decisions.typingWindow(provider)).isEqualTo(typing);
    }

    @ParameterizedTest(name = "{0} → sources {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            ''                                                   | 8x8=chat.inbound.8x8.v1;nxcloud=chat.inbound.nxcloud.v1;whatsapp-cloud=chat.inbound.whatsapp-cloud.v1;infobip=chat.inbound.infobip.v1;messenger=chat.inbound.messenger.v1;twilio=chat.inbound.twilio.v1;google-rbm=chat.inbound.google-rbm.v1;activity=chat.conversation-activity.v1
            topic.inbound-huawei-case=cases                      | 8x8=chat.inbound.8x8.v1;nxcloud=chat.inbound.nxcloud.v1;whatsapp-cloud=chat.inbound.whatsapp-cloud.v1;infobip=chat.inbound.infobip.v1;messenger=chat.inbound.messenger.v1;twilio=chat.inbound.twilio.v1;google-rbm=chat.inbound.google-rbm.v1;huawei-case=cases;activity=chat.conversation-activity.v1
            topic.inbound-huawei-case=                           | 8x8=chat.inbound.8x8.v1;nxcloud=chat.inbound.nxcloud.v1;whatsapp-cloud=chat.inbound.whatsapp-cloud.v1;infobip=chat.inbound.infobip.v1;messenger=chat.inbound.messenger.v1;twilio=chat.inbound.twilio.v1;google-rbm=chat.inbound.google-rbm.v1;activity=chat.conversation-activity.v1
            topic.inbound-whatsapp-cloud=wa                      | 8x8=chat.inbound.8x8.v1;nxcloud=chat.inbound.nxcloud.v1;whatsapp-cloud=wa;infobip=chat.inbound.infobip.v1;messenger=chat.inbound.messenger.v1;twilio=chat.inbound.twilio.v1;google-rbm=chat.inbound.google-rbm.v1;activity=chat.conversation-activity.v1
            topic.inbound-8x8=in8                                | 8x8=in8;nxcloud=chat.inbound.nxcloud.v1;whatsapp-cloud=chat.inbound.whatsapp-cloud.v1;infobip=chat.inbound.infobip.v1;messenger=chat.inbound.messenger.v1;twilio=chat.inbound.twilio.v1;google-rbm=chat.inbound.google-rbm.v1;activity=chat.conversation-activity.v1
            """)
    void inboundTopicsPerSourceWithHuaweiCasesOptIn(String setting, String expected) {
        Map<String, String> values = new HashMap<>(REQUIRED);
        if (!setting.isBlank()) {
            values.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
        }
        Map<String, String> wanted = new HashMap<>();
        for (String pair : expected.split(";")) {
            wanted.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        assertThat(StreamsSettings.from(AppConfig.of(values)).topics().inbound())
                .isEqualTo(wanted);
    }

    private static final Map<String, String> REQUIRED =
            Map.of("bootstrap.servers", "127.0.0.1:9092", "schema.registry.url", "http://127.0.0.1:8081");
}
