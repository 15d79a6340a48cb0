package io.chatsignals.devstack.registry;

/** One running registry server, however it was launched; {@link #stop()} must leave nothing running. */
interface RegistryProcess {

    /** @return a one-line description of why the server may have failed to come up (a log tail), or "" */
    String diagnostics();

    /** @return false once the server is known to have exited */
    boolean isAlive();

    /** Stops the server and waits for it (bounded); idempotent. */
    void stop();
}
