package io.chatsignals.devstack.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder on 127.0.0.1 standing in front of one listener, so that a test can cut it off as a network partition
 * does: {@link #cut()} turns every connection, open or new, into a black hole (accepted, bytes read and dropped,
 * nothing answered: the peer sees its requests time out, not a reset), {@link #heal()} closes those connections and
 * forwards new ones again. Two threads per connection (blocking copy); meant for the few hundred connections of a test
 * cluster.
 */
public final class TcpProxy implements AutoCloseable {
    private static final int BUFFER_BYTES = 64 * 1024;

    private final String name;
    private final int targetPort;
    private final ServerSocket server;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;
    private volatile boolean closed;

    private TcpProxy(String name, ServerSocket server, int targetPort) {
        this.name = name;
        this.server = server;
        this.targetPort = targetPort;
    }

    /**
     * Listens on 127.0.0.1:{@code listenPort} and forwards to 127.0.0.1:{@code targetPort} (which may be down: a
     * connection then fails at once, as a refused connection does).
     *
     * @throws UncheckedIOException if the port cannot be bound
     */
    public static TcpProxy start(String name, int listenPort, int targetPort) {
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), listenPort), 200);
            TcpProxy proxy = new TcpProxy(name, server, targetPort);
            Thread acceptor = new Thread(proxy::acceptLoop, "proxy-" + name);
            acceptor.setDaemon(true);
            acceptor.start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("proxy " + name + " cannot listen on 127.0.0.1:" + listenPort, e);
        }
    }

    /** @return the port clients connect to */
    public int port() {
        return server.getLocalPort();
    }

    /** @return the port it forwards to */
    public int targetPort() {
        return targetPort;
    }

    /** @return whether the proxy is cut off (between {@link #cut()} and {@link #heal()}) */
    public boolean isCut() {
        return cut;
    }

    /** Stops forwarding: open and new connections become black holes. Idempotent. */
    public void cut() {
        cut = true;
        links.forEach(Link::blackHole);
    }

    /** Closes the black-holed connections (their peers reconnect) and forwards new connections again. Idempotent. */
    public void heal() {
        cut = false;
        links.stream().filter(l -> l.blackHoled).forEach(Link::close);
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        links.forEach(Link::close);
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            Link link = new Link(client);
            links.add(link);
            if (cut) {
                link.blackHole();
                link.pump(client, null, "in");
                continue;
            }
            try {
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                target.setTcpNoDelay(true);
                client.setTcpNoDelay(true);
                link.target = target;
                link.pump(client, target, "in");
                link.pump(target, client, "out");
            } catch (IOException refused) {
                link.close(); // the listener behind is down: the client sees the connection closed
            }
        }
    }

    /** One client connection and its connection to the target. */
    private final class Link {
        final Socket client;
        volatile Socket target;
        volatile boolean blackHoled;

        Link(Socket client) {
            this.client = client;
        }

        void blackHole() {
            blackHoled = true;
        }

        /** Copies {@code from} to {@code to} until either closes; drops the bytes while black-holed. */
        void pump(Socket from, Socket to, String direction) {
            Thread t = new Thread(
                    () -> {
                        byte[] buffer = new byte[BUFFER_BYTES];
                        try (InputStream in = from.getInputStream()) {
                            OutputStream out = to == null ? null : to.getOutputStream();
                            int n;
                            while ((n = in.read(buffer)) >= 0) {
                                if (!blackHoled && out != null) {
                                    out.write(buffer, 0, n);
                                }
                            }
                        } catch (IOException ended) {
                            // either side closed
                        } finally {
                            if (!blackHoled) {
                                close();
                            }
                        }
                    },
                    "proxy-" + name + "-" + direction);
            t.setDaemon(true);
            t.start();
        }

        void close() {
            links.remove(this);
            closeQuietly(client);
            closeQuietly(target);
        }
    }

    private static void closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }
}
