package io.chatsignals.streams.decide;

import io.chatsignals.providers.EightByEight;
import io.chatsignals.providers.NxCloudAppKeys;
import io.chatsignals.schema.Provider;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * The knobs of the decision rules (docs/design.md "Decision rules"); defaults from the providers' windows in
 * docs/providers.md.
 *
 * @param readPolicy         when to mark read
 * @param readDelay          quiet time before an on-receipt decision (default 2 s, wall clock)
 * @param readMaxAge         no read for a message older than this (WhatsApp: 30 d); also the read command's notAfter
 * @param readMaxAgeHuaweiCase the same for Huawei case messages: no window is documented (docs/providers.md), default 30 d
 * @param typingPolicy       when to show typing
 * @param typingRefresh      at most one TYPING per conversation per this (default 20 s; the indicator shows 25 s)
 * @param typingTtl          a TYPING command expires this long after its decision (default 10 s)
 * @param typingWindow8x8    8x8 accepts typing only this long after receipt (2 h)
 * @param typingWindowNxCloud NXCloud typing window (24 h, the WhatsApp reply window)
 * @param dedupeRetention    redelivered webhooks of the same message within this are dropped (default 24 h)
 * @param clockSkew          a record whose event time is further than this in the future is invalid (default 5 min)
 * @param punctuateInterval  how often due decisions are looked up (default 250 ms, wall clock)
 * @param nxCloudAppKeys     appkeys for NXCloud conversations whose inbound records carry none (typing needs one)
 */
public record DecisionSettings(
        ReadPolicy readPolicy,
        Duration readDelay,
        Duration readMaxAge,
        Duration readMaxAgeHuaweiCase,
        TypingPolicy typingPolicy,
        Duration typingRefresh,
        Duration typingTtl,
        Duration typingWindow8x8,
        Duration typingWindowNxCloud,
        Duration dedupeRetention,
        Duration clockSkew,
        Duration punctuateInterval,
        NxCloudAppKeys nxCloudAppKeys) {

    /** The documented defaults. */
    public static DecisionSettings defaults() {
        return new DecisionSettings(
                ReadPolicy.ON_RECEIPT,
                Duration.ofSeconds(2),
                Duration.ofDays(30),
                Duration.ofDays(30),
                TypingPolicy.ON_AGENT_TYPING,
                Duration.ofSeconds(20),
                Duration.ofSeconds(10),
                EightByEight.TYPING_WINDOW,
                Duration.ofHours(24),
                Duration.ofHours(24),
                Duration.ofMinutes(5),
                Duration.ofMillis(250),
                NxCloudAppKeys.none());
    }

    /** @return how old a message of the provider may be for a read (and the read command's notAfter − inboundAt) */
    public Duration readMaxAge(Provider provider) {
        return provider == Provider.HUAWEI_CASE ? readMaxAgeHuaweiCase : readMaxAge;
    }

    /** @return the typing window of a provider */
    public Duration typingWindow(Provider provider) {
        return provider == Provider.EIGHT_BY_EIGHT ? typingWindow8x8 : typingWindowNxCloud;
    }

    /** @return how long an idle conversation's state is kept: the longest window any rule looks back over */
    public Duration stateRetention() {
        return Stream.of(readMaxAge, readMaxAgeHuaweiCase, typingWindow8x8, typingWindowNxCloud, dedupeRetention)
                .max(Duration::compareTo)
                .orElseThrow();
    }

    public DecisionSettings withReadPolicy(ReadPolicy policy) {
        return new DecisionSettings(
                policy,
                readDelay,
                readMaxAge,
                readMaxAgeHuaweiCase,
                typingPolicy,
                typingRefresh,
                typingTtl,
                typingWindow8x8,
                typingWindowNxCloud,
                dedupeRetention,
                clockSkew,
                punctuateInterval,
                nxCloudAppKeys);
    }

    public DecisionSettings withReadMaxAgeHuaweiCase(Duration maxAge) {
        return new DecisionSettings(
                readPolicy,
                readDelay,
                readMaxAge,
                maxAge,
                typingPolicy,
                typingRefresh,
                typingTtl,
                typingWindow8x8,
                typingWindowNxCloud,
                dedupeRetention,
                clockSkew,
                punctuateInterval,
                nxCloudAppKeys);
    }

    public DecisionSettings withNxCloudAppKeys(NxCloudAppKeys keys) {
        return new DecisionSettings(
                readPolicy,
                readDelay,
                readMaxAge,
                readMaxAgeHuaweiCase,
                typingPolicy,
                typingRefresh,
                typingTtl,
                typingWindow8x8,
                typingWindowNxCloud,
                dedupeRetention,
                clockSkew,
                punctuateInterval,
                keys);
    }

    public DecisionSettings withTypingPolicy(TypingPolicy policy) {
        return new DecisionSettings(
                readPolicy,
                readDelay,
                readMaxAge,
                readMaxAgeHuaweiCase,
                policy,
                typingRefresh,
                typingTtl,
                typingWindow8x8,
                typingWindowNxCloud,
                dedupeRetention,
                clockSkew,
                punctuateInterval,
                nxCloudAppKeys);
    }

    public DecisionSettings withDedupeRetention(Duration retention) {
        return new DecisionSettings(
                readPolicy,
                readDelay,
                readMaxAge,
                readMaxAgeHuaweiCase,
                typingPolicy,
                typingRefresh,
                typingTtl,
                typingWindow8x8,
                typingWindowNxCloud,
                retention,
                clockSkew,
                punctuateInterval,
                nxCloudAppKeys);
    }
}
