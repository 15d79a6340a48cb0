package io.chatsignals.ops;

import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The properties a SmallRye {@code @ConfigMapping} interface declares, with their defaults: the keys an app reads by
 * its mapping, for the list of keys read ({@link AppConfig#keysRead()}) and for tests that hold the docs/configuration.md's tables
 * against the mappings. Names follow SmallRye's rules: {@code @WithName}, else the method name in kebab case; a
 * method returning a mapping interface is a group whose properties take its name as a prefix ({@code @WithParentName}:
 * none).
 */
public final class MappingProperties {
    private MappingProperties() {}

    /**
     * @return property name → its {@code @WithDefault} value, empty for a property without a default (required, or
     *         {@code Optional}), in declaration order of name
     */
    public static Map<String, Optional<String>> of(Class<?> mapping) {
        Map<String, Optional<String>> out = new LinkedHashMap<>();
        collect(mapping, "", out);
        return out;
    }

    private static void collect(Class<?> type, String prefix, Map<String, Optional<String>> out) {
        Method[] methods = type.getMethods();
        Arrays.sort(methods, Comparator.comparing(Method::getName));
        for (Method m : methods) {
            if (Modifier.isStatic(m.getModifiers()) || m.isDefault() || m.getParameterCount() > 0) {
                continue;
            }
            String own = m.isAnnotationPresent(WithParentName.class) ? "" : name(m);
            String full = prefix.isEmpty() ? own : own.isEmpty() ? prefix : prefix + "." + own;
            Class<?> returned = m.getReturnType();
            if (returned.isInterface() && returned.getName().startsWith("io.chatsignals.")) {
                collect(returned, full, out);
            } else {
                WithDefault fallback = m.getAnnotation(WithDefault.class);
                out.put(full, Optional.ofNullable(fallback).map(WithDefault::value));
            }
        }
    }

    private static String name(Method m) {
        WithName named = m.getAnnotation(WithName.class);
        if (named != null) {
            return named.value();
        }
        StringBuilder kebab = new StringBuilder();
        for (char c : m.getName().toCharArray()) {
            if (Character.isUpperCase(c)) {
                kebab.append('-').append(Character.toLowerCase(c));
            } else {
                kebab.append(c);
            }
        }
        return kebab.toString();
    }
}
