package io.chatsignals.devstack.run;

import io.chatsignals.providers.ProviderSpec;
import io.chatsignals.providers.ProviderSpecs;
import io.chatsignals.schema.Provider;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The local run's options that name providers and files, read into what the stack takes; each error names the option
 * and what it accepts.
 */
final class LocalRunOptions {
    private LocalRunOptions() {}

    /**
     * @param keys the providers' keys (or contract symbols) as given, null for all
     * @return the providers
     * @throws IllegalArgumentException for a name that is no provider's
     */
    static Set<Provider> providers(List<String> keys) {
        if (keys == null) {
            return ProviderSpecs.known().stream()
                    .map(ProviderSpec::provider)
                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(Provider.class)));
        }
        Set<Provider> out = EnumSet.noneOf(Provider.class);
        keys.forEach(k -> out.add(provider("--providers", k)));
        return out;
    }

    /**
     * @param urls key → base URL as given, null for none
     * @return provider → base URL
     * @throws IllegalArgumentException for a name that is no provider's, or a URL that is not http(s) with a host
     */
    static Map<Provider, String> providerUrls(Map<String, String> urls) {
        Map<Provider, String> out = new LinkedHashMap<>();
        if (urls == null) {
            return out;
        }
        urls.forEach((key, url) -> {
            URI uri = URI.create(url);
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new IllegalArgumentException(
                        "--provider-url " + key + "=" + url + ": give an http or https base URL with a host");
            }
            out.put(provider("--provider-url", key), url.replaceAll("/+$", ""));
        });
        return out;
    }

    /**
     * @param file a properties file, null for none
     * @return its settings
     * @throws UncheckedIOException naming the file, when it cannot be read
     */
    static Map<String, String> properties(Path file) {
        if (file == null) {
            return Map.of();
        }
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("--worker-config " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> out = new TreeMap<>();
        props.stringPropertyNames().forEach(k -> out.put(k, props.getProperty(k)));
        return out;
    }

    private static Provider provider(String option, String name) {
        return ProviderSpecs.byName(name)
                .map(ProviderSpec::provider)
                .orElseThrow(() -> new IllegalArgumentException(option + ": '" + name + "' is no provider; one of "
                        + ProviderSpecs.known().stream().map(ProviderSpec::key).collect(Collectors.joining(", "))));
    }
}
