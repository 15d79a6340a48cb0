package io.chatsignals.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Picks free TCP ports on the loopback interface (127.0.0.1) for servers that cannot report the port they bound. */
public final class FreePorts {
    private FreePorts() {}

    /**
     * Returns a port that was free on 127.0.0.1 a moment ago (the OS picks it).
     *
     * @throws UncheckedIOException if no socket can be opened on the loopback interface
     */
    public static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a socket on 127.0.0.1 to find a free port", e);
        }
    }
}
