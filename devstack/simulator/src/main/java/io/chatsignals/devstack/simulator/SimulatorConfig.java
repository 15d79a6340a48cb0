package io.chatsignals.devstack.simulator;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Start-up settings of the {@link ProviderSimulator}, read from a JSON file (see {@code devstack/simulator/README.md}
 * for an example) or built in code. Provider facts behind the defaults: {@code docs/providers.md}.
 * Secrets (8x8 API keys, NXCloud access secrets) are never logged.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public final class SimulatorConfig {
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Interface to bind; loopback by default. */
    public String host = "127.0.0.1";
    /** TCP port; 0 picks a free one. */
    public int port = 0;
    /** When true, unknown umids / message ids are accepted as if registered (received now, on WhatsApp). */
    public boolean lenient = false;
    /** Seed of the latency and fault random source (same seed, same sequence of draws). */
    public long seed = 42;
    /** 8x8 Chat Apps settings. */
    public EightByEight eightByEight = new EightByEight();
    /** NXCloud WhatsApp settings. */
    public NxCloud nxcloud = new NxCloud();
    /** Huawei Cloud (IAM and service tickets) settings. */
    public Huawei huawei = new Huawei();
    /** Meta's WhatsApp Cloud API (and 360dialog's variant) settings. */
    public WhatsAppCloud whatsappCloud = new WhatsAppCloud();
    /** Infobip WhatsApp. */
    public Infobip infobip = new Infobip();
    /** Messenger and Instagram sender actions. */
    public Messenger messenger = new Messenger();
    /** Twilio's typing indicator (WhatsApp, RCS). */
    public Twilio twilio = new Twilio();
    /** Google RCS Business Messaging and its OAuth token endpoint. */
    public GoogleRbm googleRbm = new GoogleRbm();
    /** Latency and faults at start; changeable at run time through {@code PUT /admin/behaviour}. */
    public Behaviour behaviour = Behaviour.none();

    /** 8x8 Chat Apps: Bearer API keys, windows and limits. */
    public static final class EightByEight {
        /** API key → subaccounts it may use ({@code "*"}: any). One key can serve several subaccounts. */
        public Map<String, List<String>> apiKeys = new LinkedHashMap<>();
        /** Typing indicators only for inbound messages received within this many seconds (8x8: 2 h). */
        public long typingWindowSeconds = 7200;
        /** Message-details requests per second per subaccount (8x8: 1). */
        public double detailsPerSecond = 1;
        /** Mark-read requests per second per subaccount; 0 = unlimited (8x8 documents none). */
        public double readPerSecond = 0;
        /** Typing requests per second per subaccount; 0 = unlimited (8x8 documents none). */
        public double typingPerSecond = 0;
    }

    /** NXCloud WhatsApp: access keys, signature window and limits. */
    public static final class NxCloud {
        /** accessKey → its secret and the business phones it may use. */
        public Map<String, Credential> credentials = new LinkedHashMap<>();
        /** Allowed distance of the {@code ts} header from server time, seconds (NXCloud: 60). */
        public long tsWindowSeconds = 60;
        /** markMessageAsRead requests per second per business phone; 0 = unlimited (NXCloud documents none). */
        public double readPerSecond = 0;
        /** typingIndicator requests per second per business phone; 0 = unlimited (NXCloud documents none). */
        public double typingPerSecond = 0;
    }

    /** Huawei Cloud: IAM users, token lifetime, cases and limits. */
    public static final class Huawei {
        /** account (IAM domain name) → user name → password. */
        public Map<String, Map<String, String>> users = new LinkedHashMap<>();
        /** Lifetime of issued tokens, seconds (IAM: 24 h); tests shorten it. */
        public long tokenTtlSeconds = 86_400;
        /** account (IAM domain name) → its open cases at start. */
        public Map<String, List<String>> cases = new LinkedHashMap<>();
        /** Mark-read requests per second per account; 0 = unlimited (Huawei documents none). */
        public double markReadPerSecond = 0;
    }

    /** WhatsApp Cloud API: access tokens, 360dialog API keys, the number's throughput and the pair limit. */
    public static final class WhatsAppCloud {
        /** Access token → phone number ids it may use ({@code "*"}: any). One token can serve several numbers. */
        public Map<String, List<String>> tokens = new LinkedHashMap<>();
        /** 360dialog API key → the phone number id it selects. */
        public Map<String, String> apiKeys360 = new LinkedHashMap<>();
        /** Requests per second per phone number, reads and typing together (Meta: 80 by default); 0 = unlimited. */
        public double perSecond = 80;
        /** Requests per second to one customer of a number (the pair limit, about 1 per 6 s, unverified); 0 = off. */
        public double pairPerSecond = 0;
    }

    /** Infobip WhatsApp: API keys and the account's rate limit. */
    public static final class Infobip {
        /** API key → the senders it may use ({@code "*"}: any). */
        public Map<String, List<String>> apiKeys = new LinkedHashMap<>();
        /** Requests per second per sender, reads and typing together (Infobip: 10); 0 = unlimited. */
        public double perSecond = 10;
    }

    /** Messenger and Instagram: access tokens, the optional app secret, the account's rate and the window. */
    public static final class Messenger {
        /** Access token → the Page or Instagram account ids it may use ({@code "*"}: any). */
        public Map<String, List<String>> tokens = new LinkedHashMap<>();
        /** When set, every call must carry {@code appsecret_proof} made with it ("Require App Secret"). */
        public String appSecret;
        /** Requests per second per account (Meta's Send API: 300); 0 = unlimited. */
        public double perSecond = 300;
        /** The standard messaging window after the customer's last message, seconds (24 h). */
        public long windowSeconds = 86_400;
    }

    /** Twilio: Basic credentials and the account's rate. */
    public static final class Twilio {
        /** API key SID (or Account SID) → its secret (or Auth Token) and the account it belongs to. */
        public Map<String, Key> keys = new LinkedHashMap<>();
        /** Requests per second per account (Twilio documents none; it limits concurrency); 0 = unlimited. */
        public double perSecond = 50;

        /** One pair of Basic credentials. */
        public static final class Key {
            /** The secret; never logged. */
            public String secret;
            /** The Account SID the key belongs to ({@code "*"}: any). */
            public String account = "*";
        }
    }

    /** Google RBM: service accounts, the agents each may use, the agent's rate. */
    public static final class GoogleRbm {
        /** Service-account email → its public key (X.509 SubjectPublicKeyInfo, base64): verifies its JWT assertions. */
        public Map<String, String> serviceAccounts = new LinkedHashMap<>();
        /** Agent id → the service-account email that may send its events ({@code "*"}: every agent not listed). */
        public Map<String, String> agents = new LinkedHashMap<>();
        /** Agent events per second per agent (Google documents none); 0 = unlimited. */
        public double perSecond = 50;
    }

    /** One NXCloud access key. */
    public static final class Credential {
        /** The accessSecret; signs requests, never sent. */
        public String secret;
        /** Business phones this key may use ({@code "*"}: any). */
        public List<String> businessPhones = List.of("*");
        /** business phone → appkey bound to it; a phone absent here has no application (9006 on typing). */
        public Map<String, String> appKeys = new LinkedHashMap<>();

        /** @return a credential for any business phone */
        public static Credential of(String secret) {
            Credential c = new Credential();
            c.secret = secret;
            return c;
        }
    }

    /**
     * Reads a JSON config file; absent keys keep their defaults.
     *
     * @throws IllegalArgumentException naming the file and the problem (unknown key, wrong type)
     */
    public static SimulatorConfig load(Path file) {
        try {
            return JSON.readValue(file.toFile(), SimulatorConfig.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read simulator config " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "SimulatorConfig{host=" + host + ", port=" + port + ", lenient=" + lenient + ", 8x8 keys="
                + eightByEight.apiKeys.size()
                + " (values hidden), nxcloud keys=" + nxcloud.credentials.size()
                + " (secrets hidden), huawei users=" + huawei.users.size()
                + " (passwords hidden), whatsapp-cloud tokens=" + whatsappCloud.tokens.size() + " and 360dialog keys="
                + whatsappCloud.apiKeys360.size() + " (values hidden), messenger tokens=" + messenger.tokens.size()
                + " and twilio keys=" + twilio.keys.size() + " (values hidden), behaviour="
                + behaviour + "}";
    }
}
