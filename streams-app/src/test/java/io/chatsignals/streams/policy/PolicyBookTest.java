package io.chatsignals.streams.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsignals.contract.Policies;
import io.chatsignals.schema.BusinessPolicy;
import io.chatsignals.schema.PolicySource;
import io.chatsignals.schema.Provider;
import io.chatsignals.streams.decide.DecisionSettings;
import io.chatsignals.streams.state.AccountPolicy;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The precedence of docs/policies.md, field by field: the account's record, else the provider's default record, else
 * the global settings (on-receipt after 2 s, typing on-agent-typing refreshed every 20 s); "-" is a field left empty,
 * a record "none" is no record at all.
 */
class PolicyBookTest {
    private static final Provider P = Provider.NXCLOUD;

    @ParameterizedTest(name = "account {0}/{1} · provider {2}/{3} -> {4} after {5} ms from {6} (typing {7})")
    @CsvSource({
        // account read/delay, provider default read/delay, expected read, delay, read source, typing
        "none,          none, none,          none, ON_RECEIPT,     2000,  GLOBAL,   ON_AGENT_TYPING",
        "-,             -,    none,          none, ON_RECEIPT,     2000,  GLOBAL,   ON_AGENT_TYPING",
        "OFF,           -,    none,          none, OFF,            2000,  ACCOUNT,  ON_AGENT_TYPING",
        "none,          none, ON_AGENT_VIEW, 500,  ON_AGENT_VIEW,  500,   PROVIDER, ON_AGENT_TYPING",
        "-,             -,    ON_AGENT_VIEW, 500,  ON_AGENT_VIEW,  500,   PROVIDER, ON_AGENT_TYPING",
        "-,             9000, ON_AGENT_VIEW, 500,  ON_AGENT_VIEW,  9000,  PROVIDER, ON_AGENT_TYPING",
        "ON_AGENT_REPLY,-,    ON_AGENT_VIEW, 500,  ON_AGENT_REPLY, 500,   ACCOUNT,  ON_AGENT_TYPING",
        "ON_RECEIPT,    0,    OFF,           -,    ON_RECEIPT,     0,     ACCOUNT,  ON_AGENT_TYPING",
    })
    void eachFieldComesFromTheNearestRecordThatSetsIt(
            String accountRead,
            String accountDelay,
            String defaultRead,
            String defaultDelay,
            String read,
            long delayMs,
            PolicySource source,
            String typing) {
        PolicyBook book = new PolicyBook(DecisionSettings.defaults());
        if (!defaultRead.equals("none")) {
            book.apply(P, Policies.PROVIDER_DEFAULT, record(Policies.PROVIDER_DEFAULT, defaultRead, defaultDelay, 7));
        }
        if (!accountRead.equals("none")) {
            book.apply(P, "acme", record("acme", accountRead, accountDelay, 9));
        }
        EffectivePolicy policy = book.of(P, "acme");
        assertThat(policy.read().name()).isEqualTo(read);
        assertThat(policy.readDelayMs()).isEqualTo(delayMs);
        assertThat(policy.readBy().getSource()).isEqualTo(source);
        assertThat(policy.typing().name()).isEqualTo(typing);
        assertThat(policy.typingBy().getSource()).isEqualTo(PolicySource.GLOBAL);
        assertThat(policy.typingRefreshMs()).isEqualTo(Duration.ofSeconds(20).toMillis());
        assertThat(book.of(P, "another").readBy().getSource())
                .as("another account of the provider")
                .isEqualTo(defaultRead.equals("none") ? PolicySource.GLOBAL : PolicySource.PROVIDER);
        assertThat(book.of(Provider.EIGHT_BY_EIGHT, "acme").readBy().getSource())
                .as("another provider")
                .isEqualTo(PolicySource.GLOBAL);
    }

    @ParameterizedTest(name = "removing the {0}")
    @CsvSource({"account's own, PROVIDER", "provider's default, ACCOUNT"})
    void aRemovedRecordLeavesWhatItHadHidden(String removed, PolicySource after) {
        PolicyBook book = new PolicyBook(DecisionSettings.defaults());
        book.apply(P, Policies.PROVIDER_DEFAULT, record(Policies.PROVIDER_DEFAULT, "OFF", "-", 1));
        book.apply(P, "acme", record("acme", "ON_AGENT_VIEW", "-", 2));
        if (removed.startsWith("account")) {
            book.apply(P, "acme", null);
        } else {
            book.apply(P, Policies.PROVIDER_DEFAULT, null);
        }
        assertThat(book.of(P, "acme").readBy().getSource()).isEqualTo(after);
        assertThat(book.size()).isEqualTo(1);
    }

    private static AccountPolicy record(String account, String read, String delay, long version) {
        return new AccountPolicy(
                BusinessPolicy.newBuilder()
                        .setProvider(P)
                        .setAccount(account)
                        .setReadPolicy(read.equals("-") ? null : io.chatsignals.schema.ReadPolicy.valueOf(read))
                        .setReadDelayMs(delay.equals("-") ? null : Long.parseLong(delay))
                        .setUpdatedAt(Instant.EPOCH)
                        .build(),
                version);
    }
}
