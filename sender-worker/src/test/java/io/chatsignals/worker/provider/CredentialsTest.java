package io.chatsignals.worker.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.chatsignals.ops.AppConfig;
import io.chatsignals.worker.provider.cloudapi.WhatsAppCloudClient;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets are resolved at start and held in memory (a provider call on an event loop reads no file); a secret file
 * that is rotated in place takes effect at the next reload, without a restart; one that vanishes keeps the old value.
 */
class CredentialsTest {
    @Test
    void aSecretFileIsReadAtStartNotPerCallAndARotatedOneIsPickedUp(@TempDir Path dir) throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "EAAG-first\n");
        Path perNumber = Files.writeString(dir.resolve("token-106"), "EAAG-number\n");
        try (Credentials credentials = new Credentials(
                AppConfig.of(Map.of(
                        "whatsapp-cloud.token-file", token.toString(),
                        "whatsapp-cloud.token.106540352242922-file", perNumber.toString())),
                Registrations.secretKeys(),
                Duration.ofMillis(200))) {
            assertThat(credentials.forAccount(WhatsAppCloudClient.TOKEN, "999")).contains("EAAG-first");
            assertThat(credentials.forAccount(WhatsAppCloudClient.TOKEN, "106540352242922"))
                    .contains("EAAG-number");

            Files.delete(perNumber); // a call now would fail if it read the file
            assertThat(credentials.forAccount(WhatsAppCloudClient.TOKEN, "106540352242922"))
                    .contains("EAAG-number");

            Files.writeString(token, "EAAG-rotated\n");
            await().atMost(Duration.ofSeconds(5)).until(() -> credentials
                    .forAccount(WhatsAppCloudClient.TOKEN, "999")
                    .equals(Optional.of("EAAG-rotated")));
            assertThat(credentials.forAccount(WhatsAppCloudClient.TOKEN, "106540352242922"))
                    .as("an unreadable file keeps the value read before")
                    .contains("EAAG-number");
        }
    }

    @Test
    void aSecretFileThatCannotBeReadAtStartIsRefusedNamingTheKey(@TempDir Path dir) {
        assertThatThrownBy(() -> new Credentials(AppConfig.of(
                        Map.of("nxcloud.secret-file", dir.resolve("missing").toString()))))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("nxcloud.secret-file");
    }
}
