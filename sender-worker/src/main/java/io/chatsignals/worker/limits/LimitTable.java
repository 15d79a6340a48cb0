package io.chatsignals.worker.limits;

import io.chatsignals.providers.ProviderSpec;
import io.chatsignals.providers.ProviderSpecs;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The {@code limits.<provider>.<operation>-per-second[.<account>]} settings: the rate of a {@link LimitKey} is its
 * account's setting, else the provider's, else the provider's documented default ({@link ProviderSpec#defaultPerSecond}).
 * Every such setting is checked at start: a value that is not a number of at least 0, or a key that names a provider or
 * operation that does not exist, is refused naming the key — a typo must not pass as the default, and a bad value must
 * not first fail inside a lane at its first command. Each key's rate is worked out on its first use and kept: the
 * dispatcher's hot path builds no string and reads no configuration after that. Thread-safe.
 */
public final class LimitTable {
    private static final String SUFFIX = "-per-second";
    private static final List<String> OPERATIONS = Arrays.stream(LimitKey.Operation.values())
            .map(LimitKey.Operation::settingName)
            .toList();

    private final Function<String, Optional<String>> setting;
    private final Map<LimitKey, Double> resolved = new ConcurrentHashMap<>();

    private LimitTable(Function<String, Optional<String>> setting) {
        this.setting = setting;
    }

    /**
     * @param setting a setting by its full key (properties or environment, as the app reads it)
     * @param limits  every key under {@code limits.} as listed ({@code margin}, {@code adaptive.*} and
     *                {@code <provider>.conversation-spacing} are other settings and passed over); a key given as an
     *                environment variable comes with dots for its dashes and is matched that way
     * @throws IllegalArgumentException naming the key, for an unknown provider or operation or a value that is not a
     *                                  number of at least 0
     */
    public static LimitTable of(Function<String, Optional<String>> setting, Map<String, String> limits) {
        List<String> providers =
                ProviderSpecs.known().stream().map(ProviderSpec::limitsKey).toList();
        // every <provider>.<operation>-per-second, with dots for dashes (how an environment variable's key reads)
        List<String> prefixes = providers.stream()
                .flatMap(p -> OPERATIONS.stream().map(op -> (p + "." + op + SUFFIX).replace('-', '.')))
                .toList();
        limits.forEach((key, value) -> {
            String name = "limits." + key;
            String flat = key.replace('-', '.');
            if (!flat.contains(".per.second")) {
                return; // another limits setting
            }
            if (prefixes.stream().noneMatch(prefix -> flat.equals(prefix) || flat.startsWith(prefix + "."))) {
                throw new IllegalArgumentException(name + " names no provider and operation: limits.<provider>.<"
                        + String.join("|", OPERATIONS) + ">-per-second[.<account>], providers " + providers);
            }
            parse(name, value);
        });
        return new LimitTable(setting);
    }

    private static double parse(String key, String value) {
        double rate;
        try {
            rate = Double.parseDouble(value.trim().toLowerCase(Locale.ROOT));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number of requests per second, was '" + value + "'");
        }
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException(
                    key + " must be a number of requests per second of at least 0 (0: unlimited), was '" + value + "'");
        }
        return rate;
    }

    /** @return the key's rate, requests per second (0: unlimited) */
    public double perSecond(LimitKey key) {
        return resolved.computeIfAbsent(key, this::resolve);
    }

    private double resolve(LimitKey key) {
        ProviderSpec spec = ProviderSpecs.of(key.provider());
        String op = key.operation().settingName();
        String base = "limits." + spec.limitsKey() + "." + op + SUFFIX;
        String own = base + "." + key.account();
        return setting.apply(own)
                .map(v -> parse(own, v))
                .or(() -> setting.apply(base).map(v -> parse(base, v)))
                .orElseGet(() -> spec.defaultPerSecond(op));
    }
}
