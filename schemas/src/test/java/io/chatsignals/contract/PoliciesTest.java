package io.chatsignals.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatsignals.schema.BusinessPolicy;
import io.chatsignals.schema.Provider;
import io.chatsignals.schema.ReadPolicy;
import io.chatsignals.schema.TypingPolicy;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What makes a policy record invalid, and the policies' names as settings and APIs spell them. */
class PoliciesTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            value = {
                "valid                  | NXCLOUD:acme   | NXCLOUD | acme | OFF     | 0    | OFF     | 1    | NULL",
                "all inherited          | NXCLOUD:acme   | NXCLOUD | acme | NULL    | NULL | NULL    | NULL | NULL",
                "provider default       | NXCLOUD:*      | NXCLOUD | *    | NULL    | 5    | NULL    | NULL | NULL",
                "key unchecked          | NULL           | NXCLOUD | acme | NULL    | NULL | NULL    | NULL | NULL",
                "unknown provider       | UNKNOWN:acme   | UNKNOWN | acme | NULL    | NULL | NULL    | NULL | provider:",
                "blank account          | 'NXCLOUD: '    | NXCLOUD | ' '  | NULL    | NULL | NULL    | NULL | account: blank",
                "key of another account | NXCLOUD:other  | NXCLOUD | acme | NULL    | NULL | NULL    | NULL | key: 'NXCLOUD:other'",
                "later read policy      | NXCLOUD:acme   | NXCLOUD | acme | UNKNOWN | NULL | NULL    | NULL | readPolicy:",
                "later typing policy    | NXCLOUD:acme   | NXCLOUD | acme | NULL    | NULL | UNKNOWN | NULL | typingPolicy:",
                "negative quiet period  | NXCLOUD:acme   | NXCLOUD | acme | NULL    | -1   | NULL    | NULL | readDelayMs: negative",
                "zero typing refresh    | NXCLOUD:acme   | NXCLOUD | acme | NULL    | NULL | NULL    | 0    | typingRefreshMs: not positive",
            })
    void aRecordIsInvalidForTheFirstFieldThatBreaksARule(
            String what,
            String key,
            Provider provider,
            String account,
            ReadPolicy read,
            Long delay,
            TypingPolicy typing,
            Long refresh,
            String problem) {
        BusinessPolicy policy = BusinessPolicy.newBuilder()
                .setProvider(provider)
                .setAccount(account)
                .setReadPolicy(read)
                .setReadDelayMs(delay)
                .setTypingPolicy(typing)
                .setTypingRefreshMs(refresh)
                .setUpdatedAt(Instant.EPOCH)
                .build();
        if (problem == null) {
            assertThat(Policies.problem(key, policy)).isEmpty();
        } else {
            assertThat(Policies.problem(key, policy))
                    .hasValueSatisfying(p -> assertThat(p).startsWith(problem));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"on-receipt, ON_RECEIPT", "on-agent-view, ON_AGENT_VIEW", "on-agent-reply, ON_AGENT_REPLY", "off, OFF"})
    void readPoliciesByName(String name, ReadPolicy policy) {
        assertThat(Policies.readPolicy(name)).isEqualTo(policy);
        assertThat(Policies.name(policy)).isEqualTo(name);
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource({"unknown", "ON_RECEIPT", "on_receipt", "''"})
    void anyOtherNameIsRefusedNamingTheChoices(String name) {
        assertThatThrownBy(() -> Policies.readPolicy(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is none of on-receipt, on-agent-view, on-agent-reply, off");
        assertThatThrownBy(() -> Policies.typingPolicy(name))
                .hasMessageContaining("is none of on-agent-typing, on-receipt, off");
    }
}
