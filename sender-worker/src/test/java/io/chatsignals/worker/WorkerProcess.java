package io.chatsignals.worker;

import io.chatsignals.devstack.AppProcess;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** sender-worker as a separate JVM, as users run it: a config file, environment variables, its log in a file. */
final class WorkerProcess implements AutoCloseable {
    private final AppProcess app;
    final Process process;
    final Path log;
    final int port;

    private WorkerProcess(AppProcess app) {
        this.app = app;
        this.process = app.process;
        this.log = app.log;
        this.port = app.port;
    }

    /**
     * Starts a worker with these settings (written to a properties file in {@code dir}) and environment variables;
     * returns once {@code /health/ready} answers 200.
     */
    static WorkerProcess start(Map<String, String> settings, Map<String, String> environment, Path dir, String name)
            throws IOException {
        return new WorkerProcess(AppProcess.start(WorkerApp.class, settings, environment, List.of(), dir, name));
    }

    /** GET on the worker's ops HTTP server. */
    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return app.get(path);
    }

    /** SIGKILL, as a crash: no final commit, no group leave. */
    void kill() throws InterruptedException {
        app.kill();
    }

    @Override
    public void close() {
        app.close();
    }
}
