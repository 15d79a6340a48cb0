package io.chatsignals.devstack.registry;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

/**
 * The registry inside this JVM: the runner jar and its {@code lib/} in a class loader of their own whose parent is
 * the platform loader, so none of Quarkus' dependencies meet the caller's. Quarkus reads its HTTP host and port from
 * system properties, hence one in-process registry per JVM at a time.
 */
final class InProcessRegistry implements RegistryProcess {
    private static final Object LOCK = new Object();
    private static boolean running;

    private final URLClassLoader loader;
    private final Class<?> appClass;
    private final Object app;
    private boolean alive = true;

    private InProcessRegistry(URLClassLoader loader, Class<?> appClass, Object app) {
        this.loader = loader;
        this.appClass = appClass;
        this.app = app;
    }

    /**
     * Starts the Quarkus application on 127.0.0.1:{@code port}; returns once it is listening.
     *
     * @throws IllegalStateException if another in-process registry is running, or start-up fails
     */
    static InProcessRegistry start(Path runnerJar, int port) {
        synchronized (LOCK) {
            if (running) {
                throw new IllegalStateException(
                        "an in-process registry is already running in this JVM; use CHILD_PROCESS");
            }
            URLClassLoader loader = null;
            try {
                loader = new URLClassLoader(
                        "apicurio-registry", classPath(runnerJar), ClassLoader.getPlatformClassLoader());
                RegistrySettings.systemProperties(port).forEach(System::setProperty);
                Class<?> appClass = loader.loadClass("io.quarkus.runner.ApplicationImpl");
                Object app = withContextLoader(loader, () -> {
                    Object instance = appClass.getConstructor().newInstance();
                    appClass.getMethod("start", String[].class).invoke(instance, (Object) new String[0]);
                    return instance;
                });
                running = true;
                return new InProcessRegistry(loader, appClass, app);
            } catch (Exception e) {
                closeQuietly(loader);
                throw new IllegalStateException("in-process registry did not start on port " + port + ": " + e, e);
            }
        }
    }

    @Override
    public String diagnostics() {
        return "in-process registry; see this JVM's log";
    }

    @Override
    public boolean isAlive() {
        return alive;
    }

    @Override
    public void stop() {
        synchronized (LOCK) {
            if (!alive) {
                return;
            }
            alive = false;
            try {
                withContextLoader(loader, () -> appClass.getMethod("stop").invoke(app));
            } catch (Exception e) {
                throw new IllegalStateException("in-process registry did not stop cleanly: " + e, e);
            } finally {
                closeQuietly(loader);
                running = false;
            }
        }
    }

    private static URL[] classPath(Path runnerJar) throws IOException {
        List<URL> urls = new ArrayList<>();
        urls.add(runnerJar.toUri().toURL());
        try (JarFile jar = new JarFile(runnerJar.toFile())) {
            String manifestClassPath = jar.getManifest().getMainAttributes().getValue("Class-Path");
            for (String entry : manifestClassPath.trim().split("\\s+")) {
                urls.add(runnerJar.getParent().resolve(entry).toUri().toURL());
            }
        }
        return urls.toArray(new URL[0]);
    }

    private interface Action {
        Object run() throws Exception;
    }

    private static Object withContextLoader(ClassLoader loader, Action action) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return action.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static void closeQuietly(URLClassLoader loader) {
        if (loader != null) {
            try {
                loader.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }
}
