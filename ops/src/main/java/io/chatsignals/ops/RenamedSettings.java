package io.chatsignals.ops;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settings whose key prefix was renamed (a SmallRye {@link ConfigSourceInterceptor}): a key under a new prefix that is
 * not set is read under its old prefix, as a property or as an environment variable ({@code old.user} or
 * {@code OLD_USER} for {@code new-name.user}), and each old key that is read is logged once per JVM as deprecated. The
 * names under an old prefix are also listed under the new one, so that per-account keys
 * ({@code <prefix>.<setting>.<account>}) are found by a prefix scan. A key set under both names is taken from the higher configuration source (an
 * environment variable over the file), the new name in the same source.
 */
final class RenamedSettings implements ConfigSourceInterceptor {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RenamedSettings.class);
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    /** old → new prefix, each ending in "."; then the same in environment-variable form. */
    private final Map<String, String> renamed;

    /** @param renamed old key prefix → new key prefix (a trailing "." is added where missing) */
    RenamedSettings(Map<String, String> renamed) {
        Map<String, String> all = new LinkedHashMap<>();
        renamed.forEach((from, to) -> {
            String f = dotted(from);
            String t = dotted(to);
            all.put(f, t);
            all.put(AppConfig.envName(f), AppConfig.envName(t));
        });
        this.renamed = Map.copyOf(all);
    }

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        for (Map.Entry<String, String> r : renamed.entrySet()) {
            if (name.startsWith(r.getValue())) {
                String old = r.getKey() + name.substring(r.getValue().length());
                ConfigValue former = context.proceed(old);
                // the old name only from a source above the new one's (a mapping's default is the lowest)
                if (former != null
                        && (value == null || former.getConfigSourceOrdinal() > value.getConfigSourceOrdinal())) {
                    if (WARNED.add(old)) {
                        LOG.warn("setting {} is deprecated: it is read for {} this release only", old, name);
                    }
                    return former.withName(name);
                }
            }
        }
        return value;
    }

    @Override
    public Iterator<String> iterateNames(ConfigSourceInterceptorContext context) {
        Set<String> names = new LinkedHashSet<>();
        context.iterateNames().forEachRemaining(names::add);
        for (String name : Set.copyOf(names)) {
            for (Map.Entry<String, String> r : renamed.entrySet()) {
                if (name.startsWith(r.getKey()) && !name.startsWith(r.getValue())) {
                    names.add(r.getValue() + name.substring(r.getKey().length()));
                }
            }
        }
        return names.iterator();
    }

    private static String dotted(String prefix) {
        return (prefix.endsWith(".") ? prefix : prefix + ".").toLowerCase(Locale.ROOT);
    }
}
