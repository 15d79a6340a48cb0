package io.chatsignals.worker.provider;

import io.chatsignals.ops.AppConfig;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Duration;

/**
 * What a provider's gateway is built from.
 *
 * @param web            the worker's one HTTP client (connection pools per host, TLS settings of {@link ProviderTls})
 * @param config         the worker's configuration: a registration reads its own settings mapping from it
 * @param credentials    API keys and logins ({@link Credentials}); never logged
 * @param requestTimeout the timeout of one provider request
 * @param clock          wall clock (request signatures, token expiry)
 */
public record GatewayContext(
        WebClient web, AppConfig config, Credentials credentials, Duration requestTimeout, Clock clock) {}
