package io.chatsignals.worker.provider;

import io.chatsignals.ops.AppConfig;
import java.util.List;
import java.util.Optional;

/**
 * Provider credentials (docs/design.md, execution rule 8): 8x8 API keys per subaccount or one default, NXCloud
 * accessKey/secret per business phone or one default, Huawei IAM user/password per account (IAM domain) or one
 * default, WhatsApp Cloud API access tokens (or a BSP's API key) per phone number id or one default. Keys:
 * {@code eightbyeight.api-key[.<subAccountId>]}, {@code nxcloud.access-key[.<phone>]},
 * {@code nxcloud.secret[.<phone>]}, {@code huawei.iam.user[.<domain>]}, {@code huawei.iam.password[.<domain>]},
 * {@code whatsapp-cloud.token[.<phoneNumberId>]}; each
 * may instead name a file with
 * {@code -file} appended (e.g. {@code nxcloud.secret-file}, for mounted secrets). Environment variables override as
 * usual ({@code EIGHTBYEIGHT_API_KEY}). Values are never logged and {@link #toString()} shows none.
 */
public final class Credentials {
    /** An NXCloud key pair. */
    public record NxCloudKey(String accessKey, String secret) {
        @Override
        public String toString() {
            return "NxCloudKey[accessKey=****, secret=****]";
        }
    }

    /** An IAM user of a Huawei account (password method); {@link #toString()} hides the password. */
    public record HuaweiLogin(String user, String password) {
        @Override
        public String toString() {
            return "HuaweiLogin[user=" + user + ", password=****]";
        }
    }

    /** The keys credentials are read from (each may be followed by {@code .<account>}, and {@code -file}). */
    public static final List<String> KEYS = List.of(
            "eightbyeight.api-key",
            "nxcloud.access-key",
            "nxcloud.secret",
            "huawei.iam.user",
            "huawei.iam.password",
            "whatsapp-cloud.token");

    private final AppConfig config;

    public Credentials(AppConfig config) {
        this.config = config;
    }

    /** @return the API key for the subaccount, or the default one */
    public Optional<String> eightByEightKey(String subAccountId) {
        return secret("eightbyeight.api-key." + subAccountId).or(() -> secret("eightbyeight.api-key"));
    }

    /** @return the key pair for the business phone, or the default one */
    public Optional<NxCloudKey> nxCloudKey(String businessPhone) {
        Optional<String> key = secret("nxcloud.access-key." + businessPhone);
        Optional<String> secret = secret("nxcloud.secret." + businessPhone);
        if (key.isPresent() && secret.isPresent()) {
            return Optional.of(new NxCloudKey(key.get(), secret.get()));
        }
        return secret("nxcloud.access-key")
                .flatMap(k -> secret("nxcloud.secret").map(s -> new NxCloudKey(k, s)));
    }

    /** @return the IAM user and password for the account (IAM domain name), or the default ones */
    public Optional<HuaweiLogin> huaweiLogin(String domain) {
        Optional<String> user = secret("huawei.iam.user." + domain);
        Optional<String> password = secret("huawei.iam.password." + domain);
        if (user.isPresent() && password.isPresent()) {
            return Optional.of(new HuaweiLogin(user.get(), password.get()));
        }
        return secret("huawei.iam.user")
                .flatMap(u -> secret("huawei.iam.password").map(p -> new HuaweiLogin(u, p)));
    }

    /** @return the Cloud API access token (or the BSP's API key) of the phone number id, or the default one */
    public Optional<String> whatsAppCloudToken(String phoneNumberId) {
        return secret("whatsapp-cloud.token." + phoneNumberId).or(() -> secret("whatsapp-cloud.token"));
    }

    private Optional<String> secret(String key) {
        return config.secret(key);
    }

    @Override
    public String toString() {
        return "Credentials[values hidden]";
    }
}
