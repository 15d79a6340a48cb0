package io.chatsignals.ingress;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the Kafka cluster answers this instance, for readiness: every {@code interval} an Admin client asks the
 * cluster to describe itself (the check Kafka health indicators commonly make), with the interval as its timeout. A pod
 * cut off from Kafka would answer every webhook 503; while the last probe failed it reports unreachable, so its
 * readiness fails and the load balancer sends the providers to an instance that can write. One broker down does not
 * make the cluster unreachable (the others answer). A change is logged once. Thread-safe.
 */
final class BrokerProbe implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerProbe.class);

    private final Admin admin;
    private final Duration interval;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "broker-probe");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean reachable;

    /**
     * Starts probing at once.
     *
     * @param adminConfig the cluster's client settings (bootstrap servers and security, as the producer's)
     * @param interval    time between probes, and each probe's timeout
     */
    BrokerProbe(Map<String, Object> adminConfig, Duration interval) {
        this.admin = Admin.create(adminConfig);
        this.interval = interval;
        thread.scheduleWithFixedDelay(this::probe, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** @return whether the last probe got an answer from the cluster */
    boolean reachable() {
        return reachable;
    }

    private void probe() {
        boolean now;
        String why = "";
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) interval.toMillis()))
                    .nodes()
                    .get(interval.toMillis() + 1000, TimeUnit.MILLISECONDS);
            now = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            now = false;
            why = e.getCause() == null ? e.toString() : e.getCause().toString();
        }
        if (now != reachable) {
            if (now) {
                LOG.info("Kafka cluster answers: ready");
            } else {
                LOG.warn("Kafka cluster does not answer within {} ms: not ready ({})", interval.toMillis(), why);
            }
        }
        reachable = now;
    }

    @Override
    public void close() {
        thread.shutdownNow();
        admin.close(Duration.ofSeconds(2));
    }
}
