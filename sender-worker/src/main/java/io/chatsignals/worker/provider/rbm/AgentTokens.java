package io.chatsignals.worker.provider.rbm;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OAuth 2.0 access tokens of the RBM agents' service accounts (Google "Using OAuth 2.0 for server to server
 * applications"; docs/providers/google-rbm.md), through Google's auth library: the JWT-bearer grant to the key file's
 * {@code token_uri}, the token cached and refreshed before it expires ({@link GoogleCredentials#refreshIfExpired}).
 * One credential per distinct key file (a key replaced on disk is a new credential). The library's calls block: they
 * run on Vert.x's worker pool (the common pool outside a Vert.x context), never on an event loop. Keys and tokens are
 * never logged.
 */
final class AgentTokens {
    /** The scope of RBM's API. */
    static final String SCOPE = "https://www.googleapis.com/auth/rcsbusinessmessaging";

    private final Map<String, GoogleCredentials> byKey = new ConcurrentHashMap<>();
    private final Map<String, Boolean> refuse = new ConcurrentHashMap<>();

    /**
     * @param keyJson the service-account key file's content
     * @return a valid access token for it, fetched or refreshed when needed; failed with an {@link IOException} that
     *         says why (the key cannot be read, the token endpoint refused or could not be reached)
     */
    Future<String> token(String keyJson) {
        Callable<String> fetch = () -> {
            GoogleCredentials credentials = byKey.computeIfAbsent(keyJson, AgentTokens::parse);
            if (refuse.remove(keyJson) != null) {
                credentials.refresh();
            } else {
                credentials.refreshIfExpired();
            }
            return credentials.getAccessToken().getTokenValue();
        };
        Context context = Vertx.currentContext();
        if (context != null) {
            return context.executeBlocking(fetch, false);
        }
        return Future.fromCompletionStage(CompletableFuture.supplyAsync(() -> {
            try {
                return fetch.call();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }));
    }

    /** The token of this key was refused (401): the next call fetches a new one. */
    void refused(String keyJson) {
        refuse.put(keyJson, Boolean.TRUE);
    }

    private static GoogleCredentials parse(String keyJson) {
        try {
            return ServiceAccountCredentials.fromStream(
                            new ByteArrayInputStream(keyJson.getBytes(StandardCharsets.UTF_8)))
                    .createScoped(List.of(SCOPE));
        } catch (IOException | RuntimeException e) {
            // the library's message names fields, never the key's content
            throw new IllegalStateException("the service-account key cannot be read: " + e.getMessage(), e);
        }
    }
}
