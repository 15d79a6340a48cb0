package io.chatsignals.devstack.run.traffic;

import picocli.CommandLine.Option;

/**
 * The traffic options shared by the local run and the standalone generator (a picocli mixin); the mix of bursts,
 * redeliveries, late messages and agent answers is fixed ({@link #generator(long)}).
 */
public final class TrafficOptions {
    @Option(
            names = "--rate",
            defaultValue = "20",
            description = "new inbound webhooks per second; default ${DEFAULT-VALUE}")
    double rate;

    @Option(names = "--accounts", defaultValue = "5", description = "accounts per provider; default ${DEFAULT-VALUE}")
    int accounts;

    @Option(names = "--customers", defaultValue = "40", description = "customers per account; default ${DEFAULT-VALUE}")
    int customers;

    /** @return accounts per provider */
    public int accounts() {
        return accounts;
    }

    /** @return customers per account (and conversations opened per polled provider) */
    public int customers() {
        return customers;
    }

    /** @return generator options: 20 % bursts, 5 % redelivered, 3 % late, 30 % answered by an agent */
    public TrafficGenerator.Options generator(long seed) {
        return new TrafficGenerator.Options(rate, accounts, customers, 0.2, 0.05, 0.03, 0.3, seed);
    }
}
