package io.chatsignals.streams.policy;

import io.chatsignals.contract.Policies;
import io.chatsignals.schema.BusinessPolicy;
import io.chatsignals.schema.DecidedBy;
import io.chatsignals.schema.PolicySource;
import io.chatsignals.schema.Provider;
import io.chatsignals.streams.decide.DecisionSettings;
import io.chatsignals.streams.state.AccountPolicy;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The business policies one stream task has read, and the policy each account is decided under (docs/policies.md,
 * "Precedence"): a field of the account's record, else of the provider's default record (account {@code *}), else the
 * global setting. Resolved when a record changes, so a decision's look-up is two hash look-ups and allocates nothing.
 * Not thread-safe: one per stream task, fed in the task's log order, so a replay resolves the same.
 */
public final class PolicyBook {
    private final EffectivePolicy global;
    private final Map<Provider, ProviderPolicies> providers = new EnumMap<>(Provider.class);

    /** @param settings the global defaults ({@code read.policy}, {@code read.delay}, {@code typing.policy}, {@code typing.refresh}) */
    public PolicyBook(DecisionSettings settings) {
        DecidedBy readBy = new DecidedBy(PolicySource.GLOBAL, Policies.name(settings.readPolicy()), null, null);
        DecidedBy typingBy = new DecidedBy(PolicySource.GLOBAL, Policies.name(settings.typingPolicy()), null, null);
        global = new EffectivePolicy(
                settings.readPolicy(),
                settings.readDelay().toMillis(),
                settings.typingPolicy(),
                settings.typingRefresh().toMillis(),
                readBy,
                typingBy);
    }

    /** @return the policy an account of a provider is decided under now */
    public EffectivePolicy of(Provider provider, String account) {
        ProviderPolicies policies = providers.get(provider);
        if (policies == null) {
            return global;
        }
        EffectivePolicy own = policies.accounts.get(account);
        return own != null ? own : policies.providerDefault;
    }

    /**
     * Sets or removes one policy record.
     *
     * @param provider the record's provider
     * @param account  its account, or {@link Policies#PROVIDER_DEFAULT}
     * @param policy   the record and its version, or null to remove it
     */
    public void apply(Provider provider, String account, AccountPolicy policy) {
        ProviderPolicies policies = providers.computeIfAbsent(provider, p -> new ProviderPolicies(global));
        if (Policies.PROVIDER_DEFAULT.equals(account)) {
            policies.defaultRecord = policy;
            policies.providerDefault = resolve(null, policy, global);
            policies.records.forEach(
                    (a, record) -> policies.accounts.put(a, resolve(record, null, policies.providerDefault)));
        } else if (policy == null) {
            policies.records.remove(account);
            policies.accounts.remove(account);
        } else {
            policies.records.put(account, policy);
            policies.accounts.put(account, resolve(policy, null, policies.providerDefault));
        }
    }

    /** @return how many policy records are held (provider defaults included) */
    public int size() {
        int n = 0;
        for (ProviderPolicies p : providers.values()) {
            n += p.records.size() + (p.defaultRecord == null ? 0 : 1);
        }
        return n;
    }

    /**
     * @param account         an account's record, or null
     * @param providerDefault a provider's default record, or null (exactly one of the two is given, or none)
     * @param inherited       what a field left empty inherits
     */
    private static EffectivePolicy resolve(
            AccountPolicy account, AccountPolicy providerDefault, EffectivePolicy inherited) {
        AccountPolicy record = account != null ? account : providerDefault;
        if (record == null) {
            return inherited;
        }
        PolicySource source = account != null ? PolicySource.ACCOUNT : PolicySource.PROVIDER;
        BusinessPolicy p = record.getPolicy();
        String key = Policies.key(p.getProvider(), p.getAccount());
        DecidedBy readBy = p.getReadPolicy() == null
                ? inherited.readBy()
                : new DecidedBy(source, Policies.name(p.getReadPolicy()), key, record.getVersion());
        DecidedBy typingBy = p.getTypingPolicy() == null
                ? inherited.typingBy()
                : new DecidedBy(source, Policies.name(p.getTypingPolicy()), key, record.getVersion());
        return new EffectivePolicy(
                or(p.getReadPolicy(), inherited.read()),
                or(p.getReadDelayMs(), inherited.readDelayMs()),
                or(p.getTypingPolicy(), inherited.typing()),
                or(p.getTypingRefreshMs(), inherited.typingRefreshMs()),
                readBy,
                typingBy);
    }

    private static <T> T or(T value, T inherited) {
        return value != null ? value : inherited;
    }

    /** One provider's records and what each account resolves to. */
    private static final class ProviderPolicies {
        private final Map<String, AccountPolicy> records = new HashMap<>();
        private final Map<String, EffectivePolicy> accounts = new HashMap<>();
        private AccountPolicy defaultRecord;
        private EffectivePolicy providerDefault;

        ProviderPolicies(EffectivePolicy global) {
            providerDefault = global;
        }
    }
}
