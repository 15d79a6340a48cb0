package io.chatsignals.worker.provider.huawei;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatsignals.ops.LogSafe;
import io.chatsignals.providers.BaseUrls;
import io.chatsignals.providers.HuaweiCase;
import io.chatsignals.providers.HuaweiIam;
import io.chatsignals.providers.LenientJson;
import io.chatsignals.schema.ChatCommand;
import io.chatsignals.schema.Provider;
import io.chatsignals.worker.provider.ProviderGateway;
import io.chatsignals.worker.provider.ProviderRequest;
import io.chatsignals.worker.provider.ProviderResult;
import io.chatsignals.worker.provider.RetryAfter;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Huawei Cloud service-ticket client on the Vert.x Web Client: marks a case's instant messages read,
 * {@code POST /v2/servicerequest/cases/{case_id}/instant-messages/unread} with body {@code {"group_id": …}} (or
 * {@code {}}) and {@code X-Auth-Token} from {@link IamTokens} (Huawei "Marking a Message as Read"; docs/providers.md, "Huawei Cloud
 * service tickets"). The case id is validated ({@link HuaweiCase#validCaseId}) and URL-encoded as one path segment.
 *
 * <p>Answers ({@link #classify}): HTTP 200 without an error code succeeds; HTTP 200 with one ({@code OSM.0101…}
 * business errors) is permanent; 401 with OSM.0002 or a gateway "token must be updated" (APIGW.0301/0307) drops the
 * token and asks for one immediate retry with a new one ({@link ProviderResult.Kind#RESIGN}); 429 (API gateway
 * throttling) and 5xx (OSM.0004) are retried, after the Retry-After for a 429; other 4xx (OSM.0001 bad parameters,
 * OSM.0003 forbidden) are permanent. A token that cannot be fetched ends the command FAILED with the reason (or is
 * retried when IAM itself failed transiently), without holding up other commands.
 */
final class HuaweiCaseClient implements ProviderGateway {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebClient http;
    private final String baseUrl;
    private final IamTokens tokens;
    private final String language;
    private final String timeZone;

    /**
     * @param baseUrl  the Service Tickets endpoint, e.g. {@code https://osm.myhuaweicloud.com}
     * @param language {@code X-Language} to send, null for Huawei's default (zh-cn)
     * @param timeZone {@code X-Time-Zone} to send, null for Huawei's default (GMT+8)
     */
    public HuaweiCaseClient(WebClient http, String baseUrl, IamTokens tokens, String language, String timeZone) {
        this.http = http;
        this.baseUrl = BaseUrls.of("huawei-case.base-url", baseUrl);
        this.tokens = tokens;
        this.language = language;
        this.timeZone = timeZone;
    }

    @Override
    public Provider provider() {
        return Provider.HUAWEI_CASE;
    }

    /** Mark read or typing, as the command's action says. */
    @Override
    public Future<ProviderResult> execute(ChatCommand command, long timeoutMs) {
        // read only (HuaweiCaseSpec): a TYPING never reaches here, the intake ends it UNSUPPORTED
        return markRead(command.getAccount(), command.getCustomer(), command.getGroupId(), timeoutMs);
    }

    /**
     * Marks the case's messages read on Huawei's side.
     *
     * @param account   the Huawei account (IAM domain name) whose token is used
     * @param caseId    the case (1–64 characters, one path segment)
     * @param groupId   the group_id of the inbound message, null for none
     * @param timeoutMs this request's timeout, ms
     */
    public Future<ProviderResult> markRead(String account, String caseId, String groupId, long timeoutMs) {
        Supplier<String> path = () -> "/v2/servicerequest/cases/" + URLEncoder.encode(caseId, StandardCharsets.UTF_8)
                + "/instant-messages/unread";
        return ProviderRequest.call(
                Provider.HUAWEI_CASE,
                null,
                caseId,
                null,
                tokens.token(account),
                HuaweiCaseClient::tokenFailure,
                token -> post(path.get(), account, token, groupId, timeoutMs),
                () -> "POST " + path.get(),
                timeoutMs);
    }

    /** An answer asking for a new token drops this one ({@link IamTokens#invalidate}). */
    private Future<ProviderResult> post(
            String path, String account, IamTokens.Token token, String groupId, long timeoutMs) {
        ObjectNode body = JSON.createObjectNode();
        if (groupId != null) {
            body.put("group_id", groupId);
        }
        HttpRequest<Buffer> request = http.postAbs(baseUrl + path)
                .timeout(timeoutMs)
                .putHeader("X-Auth-Token", token.value())
                .putHeader("Content-Type", "application/json");
        Optional.ofNullable(language).ifPresent(l -> request.putHeader("X-Language", l));
        Optional.ofNullable(timeZone).ifPresent(z -> request.putHeader("X-Time-Zone", z));
        return request.sendBuffer(Buffer.buffer(body.toString()))
                .map(response ->
                        classify(response.statusCode(), response.bodyAsString(), response.getHeader("Retry-After")))
                .map(result -> {
                    if (result.kind() == ProviderResult.Kind.RESIGN) {
                        tokens.invalidate(account, token);
                    }
                    return result;
                });
    }

    private static ProviderResult tokenFailure(Throwable cause) {
        String reason = "no IAM token: " + cause.getMessage();
        boolean retry = cause instanceof IamTokens.FetchFailed failed && failed.isTransient();
        return retry ? ProviderResult.retry(null, null, reason) : ProviderResult.permanent(reason);
    }

    /**
     * Classifies an answer of the Service Tickets API (docs/providers.md, "Errors").
     *
     * @param status     HTTP status
     * @param body       response body ({@code {"error_code","error_msg"}} on errors), may be null
     * @param retryAfter the Retry-After header, may be null
     */
    public static ProviderResult classify(int status, String body, String retryAfter) {
        JsonNode json = LenientJson.parse(body);
        String code = json.path("error_code").asText("").trim();
        String message = json.path("error_msg").asText("").trim();
        String described = LogSafe.escape(
                code.isEmpty()
                        ? "HTTP " + status + (message.isEmpty() ? "" : ": " + message)
                        : code + (message.isEmpty() ? "" : ": " + message));
        if (status == 200 || status == 201 || status == 204) {
            return code.isEmpty() ? ProviderResult.success(status, null) : ProviderResult.permanent(status, described);
        }
        if (HuaweiIam.tokenRefused(status, code, message)) { // drop it, get a new one, retry once
            return ProviderResult.renewCredentials(status, described);
        }
        if (status == 429) {
            return ProviderResult.rateLimited(status, null, described, RetryAfter.parse(retryAfter, message));
        }
        if (status >= 500) {
            return ProviderResult.retry(status, null, described);
        }
        return ProviderResult.permanent(status, described);
    }
}
