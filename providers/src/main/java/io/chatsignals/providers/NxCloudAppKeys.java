package io.chatsignals.providers;

import java.util.Map;
import java.util.Optional;

/**
 * NXCloud application keys ({@code appkey}) by business phone, from configuration: {@code nxcloud.app-key} (default)
 * and {@code nxcloud.app-key.<phone>}. The typing indicator requires an appkey (docs/providers.md, "Typing indicator";
 * NXCloud answers 9000 without one) while {@code app_id} is optional in NXCloud webhooks: a conversation whose
 * inbound record has none takes it from here, and with none here either it cannot show typing (read only).
 *
 * @param defaultKey the key for every phone without its own, or null
 * @param perPhone   business phone → its key
 */
public record NxCloudAppKeys(String defaultKey, Map<String, String> perPhone) {
    /** The configuration key of the default appkey; per phone: {@code nxcloud.app-key.<phone>}. */
    public static final String KEY = "nxcloud.app-key";

    public NxCloudAppKeys {
        defaultKey = defaultKey == null || defaultKey.isBlank() ? null : defaultKey.trim();
        perPhone = Map.copyOf(perPhone);
    }

    /** No appkey configured: only inbound records that carry one can show typing. */
    public static NxCloudAppKeys none() {
        return new NxCloudAppKeys(null, Map.of());
    }

    /**
     * @param recordAppKey the {@code app_id} of the inbound record (or command), may be null or blank
     * @return the record's appkey, else the phone's configured one, else the default; empty when there is none
     */
    public Optional<String> resolve(String recordAppKey, String businessPhone) {
        if (recordAppKey != null && !recordAppKey.isBlank()) {
            return Optional.of(recordAppKey);
        }
        String own = businessPhone == null ? null : perPhone.get(businessPhone);
        return Optional.ofNullable(own != null && !own.isBlank() ? own.trim() : defaultKey);
    }
}
