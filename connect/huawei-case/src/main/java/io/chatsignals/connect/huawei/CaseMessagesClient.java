package io.chatsignals.connect.huawei;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatsignals.providers.HuaweiCase;
import io.chatsignals.providers.HuaweiIam;
import io.chatsignals.providers.LenientJson;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.kafka.connect.errors.RetriableException;

/**
 * The polling side of the Service Tickets API for one account (docs/providers.md, "Inbound has no webhook"):
 * {@code GET /v2/servicerequest/cases/instant-messages?case_ids=…&last_message_time_id=…&group_id=…}, and the list of
 * the account's open cases ({@code GET /v2/servicerequest/cases?status=…&offset=…&limit=…}), with an IAM token
 * (password method, {@code X-Subject-Token}; replaced 1 h before it expires, and fetched again once when Huawei
 * refuses it: {@link HuaweiIam}, the rule the worker follows too). JDK HTTP client; blocking, one thread at a
 * time (a task's poll thread, or the connector's case refresher).
 */
final class CaseMessagesClient {
    /** One message of a case thread as the API returns it. */
    record Message(
            String caseId,
            int type,
            int replierType,
            String replier,
            String content,
            String createTime,
            boolean first) {}

    /** One poll: the messages (in answer order) and the cursor to poll from next. */
    record Page(List<Message> messages, String cursor) {}

    /** How long before its expiry a token is replaced (as the worker's default {@code huawei.iam.refresh-ahead}). */
    private static final Duration REFRESH_AHEAD = Duration.ofHours(1);

    private final HuaweiCaseSourceConfig config;
    private final HttpClient http;
    private String token;
    /** When the cached token is replaced ({@link HuaweiIam#refreshFrom}: 1 h before it expires, at most half its life). */
    private Instant refreshFrom = Instant.MIN;

    CaseMessagesClient(HuaweiCaseSourceConfig config) {
        this.config = config;
        this.http =
                HttpClient.newBuilder().connectTimeout(config.requestTimeout()).build();
    }

    /**
     * @param cases  up to 100 case ids
     * @param cursor {@code last_message_time_id} of the previous poll, null for none
     * @throws RetriableException when Huawei or IAM failed transiently (5xx, 429, no answer): polled again later
     * @throws CredentialsRefused when IAM refuses the token request or the service a fresh token (401 twice)
     * @throws ConfigurationRefused for 403, 404 or 405: the configuration, whatever the case
     * @throws CallRefused        for 200 with an error code or another 4xx: these cases
     */
    Page poll(List<String> cases, String cursor) {
        StringBuilder url = new StringBuilder(config.baseUrl())
                .append("/v2/servicerequest/cases/instant-messages?case_ids=")
                .append(encode(String.join(",", cases)));
        if (cursor != null && !cursor.isEmpty()) {
            url.append("&last_message_time_id=").append(encode(cursor));
        }
        if (config.groupId() != null) {
            url.append("&group_id=").append(encode(config.groupId()));
        }
        JsonNode body = call(url.toString(), "polling");
        List<Message> messages = new ArrayList<>();
        for (JsonNode entry : body.path("immsg")) {
            String caseId = entry.path("incident_id").asText();
            for (JsonNode m : entry.path("message_list")) {
                messages.add(new Message(
                        caseId,
                        m.path("type").asInt(0),
                        m.path("replier_type").asInt(-1),
                        text(m, "replier"),
                        text(m, "content"),
                        text(m, "create_time"),
                        m.path("is_first_message").asInt(0) == 1));
            }
        }
        String next = body.path("last_message_time_id").asText("");
        return new Page(messages, next.isEmpty() ? cursor : next);
    }

    /**
     * @return the ids of the account's open cases ({@link HuaweiCase#OPEN_STATUSES}), sorted, every page read
     * @throws RetriableException when Huawei or IAM failed transiently: listed again at the next refresh
     * @throws CredentialsRefused when the credentials are refused
     * @throws ConfigurationRefused for 403, 404 or 405
     * @throws CallRefused        when the request is refused otherwise
     */
    List<String> openCases() {
        TreeSet<String> out = new TreeSet<>();
        for (int status : HuaweiCase.OPEN_STATUSES) {
            for (int offset = 0; ; offset += HuaweiCase.CASES_PER_PAGE) {
                JsonNode body = call(
                        config.baseUrl() + "/v2/servicerequest/cases?status=" + status + "&offset=" + offset + "&limit="
                                + HuaweiCase.CASES_PER_PAGE
                                + (config.groupId() == null ? "" : "&group_id=" + encode(config.groupId())),
                        "case list");
                JsonNode page = body.path("incident_info_list");
                page.forEach(c -> {
                    String id = c.path("incident_id").asText("");
                    if (HuaweiCase.validCaseId(id)) {
                        out.add(id);
                    }
                });
                if (page.size() < HuaweiCase.CASES_PER_PAGE
                        || offset + page.size() >= body.path("total_count").asInt(0)) {
                    break;
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * GET with the token (a new one once when Huawei refuses it: {@link HuaweiIam#tokenRefused}, the worker's rule);
     * @return the JSON body of a 200 without an error code
     */
    private JsonNode call(String url, String what) {
        HttpResponse<String> response = get(URI.create(url));
        JsonNode body = LenientJson.parse(response.body());
        if (HuaweiIam.tokenRefused(
                response.statusCode(),
                body.path("error_code").asText(""),
                body.path("error_msg").asText(""))) {
            token = null; // expired or revoked: one new token, one more try
            response = get(URI.create(url));
            body = LenientJson.parse(response.body());
        }
        int status = response.statusCode();
        String error = ("HTTP " + status + " " + body.path("error_code").asText("") + " "
                        + body.path("error_msg").asText(""))
                .trim();
        if (status == 429 || status >= 500) {
            throw new RetriableException("Huawei " + what + " answered " + error);
        }
        if (status == 401) {
            throw new CredentialsRefused("Huawei " + what + " refused the token IAM issued to user " + config.iamUser()
                    + " of account " + config.account() + " (" + error + "): check the IAM user's"
                    + " permissions for the Service Tickets API");
        }
        if (status == 403 || status == 404 || status == 405) {
            throw new ConfigurationRefused("Huawei " + what + " refused the task's configuration (" + error
                    + "): check "
                    + HuaweiCaseSourceConfig.BASE_URL + ", " + HuaweiCaseSourceConfig.ACCOUNT + ", "
                    + HuaweiCaseSourceConfig.GROUP_ID + " and the IAM user's permissions for the Service Tickets API");
        }
        if (status != 200 || !body.path("error_code").asText("").isEmpty()) {
            throw new CallRefused("Huawei " + what + " refused: " + error);
        }
        return body;
    }

    private HttpResponse<String> get(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(config.requestTimeout())
                .header("X-Auth-Token", token())
                .header("X-Time-Zone", config.timeZoneHeader())
                .GET()
                .build();
        return send(request);
    }

    private String token() {
        Instant now = Instant.now();
        if (token != null && now.isBefore(refreshFrom)) {
            return token;
        }
        String body = HuaweiCase.tokenRequest(
                config.account(), config.iamUser(), config.iamPassword().value());
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(config.iamUrl() + "/v3/auth/tokens"))
                .timeout(config.requestTimeout())
                .header("Content-Type", "application/json;charset=utf8")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
        String value = response.headers().firstValue("X-Subject-Token").orElse(null);
        if (response.statusCode() == 201 && value != null) {
            token = value;
            refreshFrom = HuaweiIam.refreshFrom(HuaweiIam.expiresAt(response.body(), now), now, REFRESH_AHEAD);
            return token;
        }
        if (response.statusCode() == 429 || response.statusCode() >= 500) {
            throw new RetriableException("IAM answered HTTP " + response.statusCode());
        }
        throw new CredentialsRefused(
                "IAM refused the token request of user " + config.iamUser() + " of account " + config.account()
                        + ": HTTP " + response.statusCode() + " (check " + HuaweiCaseSourceConfig.IAM_USER + ", "
                        + HuaweiCaseSourceConfig.IAM_PASSWORD + " and " + HuaweiCaseSourceConfig.ACCOUNT + ")");
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new RetriableException("no answer from " + request.uri().getHost() + ": "
                    + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetriableException("interrupted");
        }
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
