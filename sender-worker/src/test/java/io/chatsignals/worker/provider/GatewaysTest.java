package io.chatsignals.worker.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.CommandAction;
import io.chatsignals.schema.Provider;
import io.chatsignals.schema.Trigger;
import io.vertx.core.Future;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Routing of commands to their provider's gateway. */
class GatewaysTest {
    /** A gateway that answers with its provider's name as the result message. */
    private record Named(Provider provider) implements ProviderGateway {
        @Override
        public Future<ProviderResult> execute(ChatCommand command, long timeoutMs) {
            return Future.succeededFuture(ProviderResult.success(200, provider.name() + " " + timeoutMs));
        }
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "EIGHT_BY_EIGHT, SUCCESS,   EIGHT_BY_EIGHT 750",
        "NXCLOUD,        SUCCESS,   NXCLOUD 750",
        "HUAWEI_CASE,    PERMANENT, no gateway for provider HUAWEI_CASE",
        "UNKNOWN,        PERMANENT, no gateway for provider UNKNOWN",
    })
    void aCommandGoesToItsProvidersGatewayAndNoneMeansPermanentWithoutACall(
            Provider provider, ProviderResult.Kind kind, String text) {
        Gateways gateways = Gateways.of(new Named(Provider.EIGHT_BY_EIGHT), new Named(Provider.NXCLOUD));
        ProviderResult result = gateways.execute(command(provider), 750).result();
        assertThat(result.kind()).isEqualTo(kind);
        assertThat(kind == ProviderResult.Kind.SUCCESS ? result.body() : result.message())
                .isEqualTo(text);
    }

    @Test
    void twoGatewaysForOneProviderAreRefused() {
        assertThatThrownBy(() -> Gateways.of(new Named(Provider.NXCLOUD), new Named(Provider.NXCLOUD)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NXCLOUD");
    }

    private static ChatCommand command(Provider provider) {
        Instant now = Instant.parse("2026-12-01T08:00:00Z");
        return ChatCommand.newBuilder()
                .setCommandId("c-1")
                .setAction(CommandAction.MARK_READ)
                .setProvider(provider)
                .setAccount("acme")
                .setChannel("whatsapp")
                .setCustomer("+15550000001")
                .setMessageId("m-1")
                .setInboundAt(now)
                .setDecidedAt(now)
                .setNotAfter(now.plusSeconds(60))
                .setTrigger(Trigger.ON_RECEIPT)
                .build();
    }
}
