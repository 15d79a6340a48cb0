package io.chatsignals.bench;

import io.chatsignals.devstack.cluster.KafkaCluster;
import java.time.Duration;

/**
 * The broker faults both cluster harnesses inflict (ClusterFaults on the pipeline, IngressFaults on the first hop),
 * each returning the table's words for what it did. The victim is chosen by the caller (a leader of the partitions the
 * row is about).
 */
final class BrokerFaults {
    private BrokerFaults() {}

    /** SIGKILL of the broker, started again on its log directory after {@code down}. */
    static String kill(KafkaCluster cluster, int victim, String leads, Duration down) throws InterruptedException {
        cluster.kill(victim);
        FaultRun.pause(down); // the broker stays down this long
        cluster.start(victim);
        return "kill -9 of broker " + victim + " (led most of " + leads + "), restarted after " + down.toSeconds()
                + " s";
    }

    /** Each broker in turn: SIGTERM, started again, every partition in sync before the next. */
    static String rollingRestart(KafkaCluster cluster) {
        for (int id : cluster.nodeIds()) {
            cluster.stop(id);
            cluster.start(id);
            cluster.awaitInSync(Duration.ofSeconds(120));
        }
        return "rolling restart of the 3 brokers (SIGTERM, start, all in sync, next)";
    }

    /** Every connection of the broker black-holed in both directions for {@code down}, then healed. */
    static String cut(KafkaCluster cluster, int victim, String leads, Duration down) throws InterruptedException {
        cluster.cut(victim);
        FaultRun.pause(down); // the partition lasts this long
        cluster.heal(victim);
        return "broker " + victim + " (led most of " + leads + ") cut off for " + down.toSeconds() + " s";
    }
}
