package io.chatsignals.providers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How many shared files name each provider: main sources ({@code .java} and {@code .avsc} under {@code src/main} of
 * every module but devstack and bench) and devstack's, outside the provider's own unit (files named for it, and its
 * own packages and modules). A provider is cheap to add when it lives in its unit and the shared files list it only
 * in their registries (docs/design.md, "Adding a provider"). Every provider is held at the targets for a new one: 5
 * shared main files (its contract symbol, its topic's name, and one registry line each in providers, ingress and
 * sender-worker; its record's schema is its own) and 3 in devstack (the simulator's configuration and registration,
 * the local run's fixtures). Huawei cases have no webhook, so no ingress line: 4. A change that spreads a provider
 * further fails here.
 */
class ProviderFootprintTest {
    private static final Path ROOT = Path.of("..");

    @ParameterizedTest(name = "{0}: at most {3} shared main files and {4} devstack files")
    @CsvSource(
            delimiter = ';',
            textBlock =
                    """
            whatsapp-cloud ; WHATSAPP_CLOUD|WhatsAppCloud|whatsAppCloud|whatsapp-cloud|\\bCloudApi|\\bcloudApi|cloudapi ; ^(WhatsAppCloud|CloudApi).*|.*/cloudapi/.* ; 5 ; 3
            nxcloud ; NXCLOUD|NxCloud|nxCloud|nxcloud ; ^NxCloud.* ; 5 ; 3
            huawei-case ; HUAWEI_CASE|HuaweiCase|Huawei|huawei ; ^Huawei.*|.*/huawei/.*|^connect/huawei-case/.* ; 4 ; 3
            infobip ; INFOBIP|Infobip|infobip ; ^Infobip.*|.*/infobip/.* ; 5 ; 3
            messenger ; MESSENGER|Messenger|messenger ; ^Messenger.*|.*/messenger/.* ; 5 ; 3
            twilio ; TWILIO|Twilio|twilio ; ^Twilio.*|.*/twilio/.* ; 5 ; 3
            google-rbm ; GOOGLE_RBM|GoogleRbm|googleRbm|google-rbm|\\bRbm|\\brbm ; ^GoogleRbm.*|.*/rbm/.* ; 5 ; 3
            8x8 ; EIGHT_BY_EIGHT|EightByEight|eightByEight|eightbyeight|8x8|8X8 ; ^EightByEight.* ; 5 ; 3
            """)
    void sharedFilesNamingTheProvider(String key, String names, String ownUnit, int mainLimit, int devstackLimit) {
        Pattern named = Pattern.compile(names);
        Pattern own = Pattern.compile(ownUnit);
        List<Path> shared = sources()
                .filter(p -> !own.matcher(p.getFileName().toString()).matches()
                        && !own.matcher(ROOT.relativize(p).toString()).matches())
                .filter(p -> named.matcher(read(p)).find())
                .toList();
        long devstack = shared.stream()
                .filter(p -> ROOT.relativize(p).startsWith("devstack"))
                .count();
        long main = shared.stream()
                .filter(p -> !ROOT.relativize(p).startsWith("devstack")
                        && !ROOT.relativize(p).startsWith("bench"))
                .count();
        System.out.printf("%s: %d shared main files, %d devstack files%n", key, main, devstack);
        assertThat(main).as(key + ": shared main files naming it").isLessThanOrEqualTo(mainLimit);
        assertThat(devstack).as(key + ": devstack files naming it").isLessThanOrEqualTo(devstackLimit);
    }

    private static Stream<Path> sources() {
        try {
            return Files.walk(ROOT)
                    .filter(p -> p.toString().contains("/src/main/"))
                    .filter(p -> !p.toString().contains("/target/"))
                    .filter(p -> p.toString().endsWith(".java") || p.toString().endsWith(".avsc"))
                    .toList()
                    .stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
