package io.chatsignals.devstack;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The class path a child JVM needs to run a class of this JVM. Under Surefire or {@code java -cp} that is
 * {@code java.class.path}; under {@code mvn exec:java} the project's jars are on a {@link URLClassLoader} of Maven's
 * (and {@code java.class.path} holds only Maven's launcher), so the URLs of the class's loaders come first.
 */
public final class ChildClasspath {
    private ChildClasspath() {}

    /** @return a {@code -cp} value from which {@code type} and everything it uses can be loaded */
    public static String of(Class<?> type) {
        Set<String> entries = new LinkedHashSet<>();
        for (ClassLoader loader = type.getClassLoader(); loader != null; loader = loader.getParent()) {
            if (loader instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    if ("file".equals(url.getProtocol())) {
                        try {
                            entries.add(Path.of(url.toURI()).toString());
                        } catch (URISyntaxException ignored) {
                            // not a path: not loadable by a child either
                        }
                    }
                }
            }
        }
        entries.add(System.getProperty("java.class.path"));
        return String.join(File.pathSeparator, entries);
    }
}
