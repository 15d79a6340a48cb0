package io.chatsignals.devstack.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsignals.devstack.run.fixture.Fixtures;
import io.chatsignals.devstack.run.fixture.ProviderFixture;
import io.chatsignals.devstack.simulator.KnownMessages;
import io.chatsignals.providers.ProviderSpecs;
import io.chatsignals.providers.Webhooks;
import io.chatsignals.schema.Provider;
import io.chatsignals.webhooks.WebhookException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;

/**
 * What a user needs to feed the running local stack by hand (README, "Try your own webhooks"): the ingress's address,
 * each provider's webhook path and the development secrets the ingress was started with, the activity API's token,
 * the {@code export} line the CLI reads, one ready {@code curl} per webhook provider (a signed real-format sample whose
 * message the simulator knows, so its read call succeeds) and the command that tails the statuses. Local secrets only:
 * nothing here is a production credential.
 */
final class Sandbox {
    /** The CLI as the README builds it. */
    static final String CLI = "java -jar cli/target/chat-signals-cli-0.1.0-SNAPSHOT-all.jar";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Sandbox() {}

    /**
     * @param ingressUrl      the ingress's base URL
     * @param ingressSettings the settings the ingress was started with (its secrets are printed: local ones)
     * @param providers       the providers to show
     * @param delivered       told of each sample's message, so the simulator answers for it as delivered
     * @return the lines to print, in order
     */
    static List<String> lines(
            String ingressUrl,
            Map<String, String> ingressSettings,
            String bootstrapServers,
            String registryUrl,
            Set<Provider> providers,
            Consumer<KnownMessages.Message> delivered) {
        List<String> out = new ArrayList<>();
        out.add("ingress: " + ingressUrl + " (webhooks: POST /webhooks/<provider>; agent activity: POST /v1/activity;"
                + " policies: /v1/policies, docs/policies.md)");
        new TreeMap<>(ingressSettings)
                .entrySet().stream()
                        .filter(e -> e.getKey().startsWith("webhooks.")
                                || e.getKey().startsWith("activity.token")
                                || e.getKey().startsWith("admin.token"))
                        .forEach(e -> out.add("  " + e.getKey() + "=" + e.getValue() + " (development secret)"));
        out.add("export BOOTSTRAP_SERVERS=" + bootstrapServers + " SCHEMA_REGISTRY_URL=" + registryUrl);
        out.add("# one signed webhook per provider (run the export line first in the shell that runs the CLI):");
        SplittableRandom random = new SplittableRandom(7);
        String activity = null;
        for (ProviderFixture fixture : Fixtures.withWebhook()) {
            if (!providers.contains(fixture.provider())) {
                continue;
            }
            ProviderFixture.WebhookTraffic traffic = fixture.webhook().orElseThrow();
            ProviderFixture.Conversation conversation = traffic.conversation(0, 0, random);
            String json = traffic.payload(conversation, Instant.now(), random);
            for (SpecificRecord record : records(json)) {
                delivered.accept(traffic.delivered(record, 2));
            }
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            HttpRequest request = traffic.address(
                            HttpRequest.newBuilder()
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)),
                            URI.create(ingressUrl),
                            body)
                    .build();
            out.add(curl(request, json));
            if (activity == null) {
                activity = JSON.createObjectNode()
                        .put("provider", ProviderSpecs.of(fixture.provider()).key())
                        .put("account", traffic.accountId(conversation))
                        .put("customer", traffic.customerId(conversation))
                        .put("kind", "AGENT_VIEWED")
                        .toString();
            }
        }
        if (activity != null && ingressSettings.containsKey("activity.token.local")) {
            out.add("# an agent viewing the first conversation (what a helpdesk sends):");
            out.add("curl -sS -w ' %{http_code}\\n' -X POST " + quote(ingressUrl + "/v1/activity")
                    + " -H " + quote("Authorization: Bearer " + ingressSettings.get("activity.token.local"))
                    + " -H 'Content-Type: application/json' --data-binary " + quote(activity));
        }
        out.add("# the statuses of the calls they lead to, as they come (Ctrl-C stops):");
        out.add(CLI + " status tail --follow");
        return out;
    }

    private static List<SpecificRecord> records(String json) {
        try {
            return Webhooks.map(json);
        } catch (WebhookException e) {
            throw new IllegalStateException("a fixture's sample does not map: " + e.getMessage(), e);
        }
    }

    /** @return the request as one {@code curl} command line, printing the answer's body and status */
    static String curl(HttpRequest request, String body) {
        StringBuilder line = new StringBuilder("curl -sS -w ' %{http_code}\\n' -X ")
                .append(request.method())
                .append(' ')
                .append(quote(request.uri().toString()));
        request.headers()
                .map()
                .forEach((name, values) ->
                        values.forEach(v -> line.append(" -H ").append(quote(name + ": " + v))));
        return line.append(" --data-binary ").append(quote(body)).toString();
    }

    /** @return the text in single quotes for a POSIX shell */
    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
