package io.chatsignals.ingress;

import static io.chatsignals.ingress.IngressHarness.HELPDESK_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsignals.devstack.junit.KafkaStack;
import io.chatsignals.devstack.kafka.KafkaBroker;
import io.chatsignals.devstack.registry.EmbeddedSchemaRegistry;
import io.chatsignals.schema.BusinessPolicy;
import io.chatsignals.schema.Provider;
import io.chatsignals.schema.ReadPolicy;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The policy admin API from outside (docs/policies.md, "Admin API"): a policy set is written to the policies topic
 * under its key and read back with its version; bad input is 400 naming the field with nothing written; only an admin
 * token opens it, and an admin token opens nothing else.
 */
@KafkaStack
class PolicyAdminApiTest {
    private static final String ADMIN_TOKEN = "admin-bearer-51c0";
    private static final ObjectMapper JSON = new ObjectMapper();
    private IngressHarness h;
    private KafkaBroker kafka;
    private EmbeddedSchemaRegistry registry;

    @BeforeEach
    void start(KafkaBroker kafka, EmbeddedSchemaRegistry registry) throws Exception {
        this.kafka = kafka;
        this.registry = registry;
        h = new IngressHarness(kafka, registry, Map.of("admin.token.ops", ADMIN_TOKEN));
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private HttpResponse<String> admin(String method, String path, String body) throws Exception {
        return body == null
                ? h.send(method, path, null, "Authorization", "Bearer " + ADMIN_TOKEN)
                : h.send(
                        method,
                        path,
                        body,
                        "Authorization",
                        "Bearer " + ADMIN_TOKEN,
                        "Content-Type",
                        "application/json");
    }

    @Test
    void aPolicySetIsWrittenUnderItsKeyReadBackAndRemoved() throws Exception {
        HttpResponse<String> put = admin(
                "PUT", "/v1/policies/8x8/acme_support", "{\"readPolicy\":\"on-agent-view\",\"readDelay\":\"5s\"}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        JsonNode set = JSON.readTree(put.body());
        assertThat(set.get("provider").asText()).isEqualTo("8x8");
        assertThat(set.get("readPolicy").asText()).isEqualTo("on-agent-view");
        assertThat(set.get("readDelay").asText()).isEqualTo("5000ms");
        assertThat(set.has("typingPolicy")).as("left out: inherited").isFalse();
        assertThat(set.get("updatedBy").asText()).isEqualTo("admin-api:ops");

        List<ConsumerRecord<String, SpecificRecord>> written = h.records("policies");
        assertThat(written).hasSize(1);
        assertThat(written.get(0).key()).isEqualTo("EIGHT_BY_EIGHT:acme_support");
        BusinessPolicy policy = (BusinessPolicy) written.get(0).value();
        assertThat(policy.getReadPolicy()).isEqualTo(ReadPolicy.ON_AGENT_VIEW);
        assertThat(policy.getReadDelayMs()).isEqualTo(5000L);
        assertThat(policy.getProvider()).isEqualTo(Provider.EIGHT_BY_EIGHT);
        assertThat(set.get("version").asLong()).isEqualTo(written.get(0).offset());

        HttpResponse<String> get = admin("GET", "/v1/policies/EIGHT_BY_EIGHT/acme_support", null);
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(get.body())).isEqualTo(set);
        admin("PUT", "/v1/policies/8x8/*", "{\"typingPolicy\":\"off\"}");
        JsonNode all = JSON.readTree(admin("GET", "/v1/policies", null).body());
        assertThat(all).hasSize(2);

        assertThat(admin("DELETE", "/v1/policies/8x8/acme_support", null).statusCode())
                .isEqualTo(204);
        assertThat(admin("GET", "/v1/policies/8x8/acme_support", null).statusCode())
                .isEqualTo(404);
        assertThat(h.records("policies"))
                .last()
                .extracting(ConsumerRecord::value)
                .isNull(); // a tombstone
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "unknown read policy | 8x8      | {\"readPolicy\":\"on-open\"}       | readPolicy: read policy: 'on-open' is none of",
                "negative delay      | 8x8      | {\"readDelay\":\"PT-5S\"}          | readDelay:",
                "not a duration      | 8x8      | {\"typingRefresh\":\"soon\"}       | typingRefresh:",
                "zero refresh        | 8x8      | {\"typingRefresh\":\"0s\"}         | typingRefresh:",
                "unknown field       | 8x8      | {\"readPolicies\":\"off\"}         | readPolicies: not a policy field",
                "unknown provider    | telegram | {\"readPolicy\":\"off\"}           | provider: 'telegram' is none of",
                "not JSON            | 8x8      | read off                          | not JSON",
            })
    void badInputIsRefusedNamingTheFieldAndNothingIsWritten(String what, String provider, String body, String error)
            throws Exception {
        HttpResponse<String> put = admin("PUT", "/v1/policies/" + provider + "/acme_support", body);
        assertThat(put.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(put.body()).get("error").asText()).startsWith(error);
        assertThat(h.records("policies")).isEmpty();
    }

    @Test
    void onlyAnAdminTokenOpensItAndItOpensNothingElse() throws Exception {
        String path = "/v1/policies/8x8/acme_support";
        String body = "{\"readPolicy\":\"off\"}";
        assertThat(h.send("PUT", path, body, "Content-Type", "application/json").statusCode())
                .isEqualTo(401);
        assertThat(h.send(
                                "PUT",
                                path,
                                body,
                                "Content-Type",
                                "application/json",
                                "Authorization",
                                "Bearer " + HELPDESK_TOKEN)
                        .statusCode())
                .as("an activity token")
                .isEqualTo(403);
        assertThat(h.send("GET", path, null, "Authorization", "Bearer " + HELPDESK_TOKEN)
                        .statusCode())
                .isEqualTo(403);
        String activity = "{\"provider\":\"8x8\",\"account\":\"a\",\"customer\":\"c\",\"kind\":\"AGENT_VIEWED\"}";
        assertThat(h.post(
                                "/v1/activity",
                                activity,
                                "Content-Type",
                                "application/json",
                                "Authorization",
                                "Bearer " + ADMIN_TOKEN)
                        .statusCode())
                .as("the admin token on the activity API")
                .isEqualTo(403);
        assertThat(h.records("policies")).isEmpty();
        assertThat(h.requests(PolicyRoutes.SOURCE, IngressMetrics.UNAUTHORIZED)).isEqualTo(3);
    }

    @Test
    void withoutAnAdminTokenThereIsNoAdminApi() throws Exception {
        h.close();
        h = new IngressHarness(kafka, registry, Map.of());
        assertThat(h.send("GET", "/v1/policies", null, "Authorization", "Bearer " + ADMIN_TOKEN)
                        .statusCode())
                .isEqualTo(404);
    }
}
