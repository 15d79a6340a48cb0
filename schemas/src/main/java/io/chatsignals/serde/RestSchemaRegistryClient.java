package io.chatsignals.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.apache.avro.Schema;

/**
 * {@link SchemaRegistryClient} over HTTP with the JDK's {@link HttpClient}: Basic auth, TLS, connect and request
 * timeouts, fail-over across the configured URLs on connection errors, and bounded retries (with backoff) of
 * transient failures. No caching: wrap it in
 * {@link CachedSchemaRegistryClient}. Thread-safe.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT =
            "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json, application/json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<URI> urls;
    private final String authorization;
    private final HttpClient http;
    private final SerdeConfig config;

    /**
     * @throws org.apache.kafka.common.config.ConfigException if the TLS stores cannot be opened
     */
    public RestSchemaRegistryClient(SerdeConfig config) {
        this.config = config;
        this.urls = config.urls();
        this.authorization = config.userInfo() == null
                ? null
                : "Basic "
                        + Base64.getEncoder().encodeToString(config.userInfo().getBytes(StandardCharsets.UTF_8));
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .sslContext(RegistryTls.sslContext(config))
                .build();
    }

    /**
     * {@inheritDoc} A 409 is checked once against the subject: when two clients register the same new schema at the same
     * moment, some registries (Apicurio) refuse the second with 409 although the schema is there; its id is returned.
     */
    @Override
    public int register(String subject, Schema schema) {
        try {
            return call("POST", "/subjects/" + encode(subject) + "/versions", body(schema), null, subject)
                    .path("id")
                    .asInt();
        } catch (IncompatibleSchemaException conflict) {
            try {
                return idOf(subject, schema);
            } catch (SchemaNotFoundException notThere) {
                throw conflict;
            }
        }
    }

    @Override
    public int idOf(String subject, Schema schema) {
        return call("POST", "/subjects/" + encode(subject), body(schema), null, subject)
                .path("id")
                .asInt();
    }

    @Override
    public Schema schemaById(int id) {
        return new Schema.Parser()
                .parse(call("GET", "/schemas/ids/" + id, null, id, null)
                        .path("schema")
                        .asText());
    }

    @Override
    public Registered latest(String subject) {
        JsonNode node = call("GET", "/subjects/" + encode(subject) + "/versions/latest", null, null, subject);
        return new Registered(
                subject,
                node.path("id").asInt(),
                node.path("version").asInt(),
                new Schema.Parser().parse(node.path("schema").asText()));
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        return call(
                        "POST",
                        "/compatibility/subjects/" + encode(subject) + "/versions/latest",
                        body(schema),
                        null,
                        subject)
                .path("is_compatible")
                .asBoolean();
    }

    @Override
    public String toString() {
        return "RestSchemaRegistryClient" + config;
    }

    private static String body(Schema schema) {
        ObjectNode node = JSON.createObjectNode();
        node.put("schema", schema.toString());
        return node.toString();
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** One request with bounded retries of transient failures (unreachable registry, 5xx), exponential backoff. */
    private JsonNode call(String method, String path, String body, Integer id, String subject) {
        long backoffMs = config.retryBackoff().toMillis();
        for (int attempt = 0; ; attempt++) {
            try {
                return callOnce(method, path, body, id, subject);
            } catch (RegistryUnavailableException e) {
                if (attempt >= config.retries()) {
                    throw e;
                }
                try {
                    Thread.sleep(backoffMs << attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private JsonNode callOnce(String method, String path, String body, Integer id, String subject) {
        IOException lastFailure = null;
        for (URI base : urls) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(config.requestTimeout())
                    .header("Accept", ACCEPT)
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                request.header("Content-Type", CONTENT_TYPE);
            }
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                lastFailure = e; // connection refused, timeout, TLS: try the next URL
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryUnavailableException(null, id, "interrupted during " + method + " " + path, e);
            }
            return answer(response, method + " " + base + path, id, subject);
        }
        throw new RegistryUnavailableException(
                null,
                id,
                "no schema registry answered at " + urls + " (" + method + " " + path + "): " + lastFailure,
                lastFailure);
    }

    private static JsonNode answer(HttpResponse<String> response, String request, Integer id, String subject) {
        int status = response.statusCode();
        JsonNode node = parse(response.body());
        if (status >= 200 && status < 300) {
            return node;
        }
        int errorCode = node.path("error_code").asInt(status);
        String message = node.path("message").asText(response.body());
        String where = subject == null ? "" : " subject " + subject + ":";
        if (status == 404) {
            throw new SchemaNotFoundException(
                    null,
                    id,
                    "registry has no such schema or subject (" + request + "):" + where + " " + message
                            + " (error_code " + errorCode + ")");
        }
        if (status == 409) {
            throw new IncompatibleSchemaException(
                    null,
                    status,
                    errorCode,
                    "schema is incompatible with the earlier versions of" + where + " " + message);
        }
        if (status >= 500) {
            throw new RegistryUnavailableException(
                    null, id, "registry failed " + request + " with HTTP " + status + ": " + message, null);
        }
        throw new RegistryRequestException(
                null, id, status, errorCode, "registry refused " + request + ":" + where + " " + message);
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode().put("message", body);
        }
    }
}
