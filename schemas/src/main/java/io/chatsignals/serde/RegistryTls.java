package io.chatsignals.serde;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.ConfigException;

/** Builds the TLS context of registry requests from the {@code schema.registry.ssl.*} settings. */
final class RegistryTls {
    private RegistryTls() {}

    /**
     * @return an SSLContext trusting the configured truststore and presenting the configured keystore; the JVM's
     *         default context when neither is configured
     * @throws ConfigException naming the key, when a store cannot be read or opened (passwords are not echoed)
     */
    static SSLContext sslContext(SerdeConfig config) {
        String trustLocation = config.raw(SerdeConfig.SSL_TRUSTSTORE_LOCATION);
        String keyLocation = config.raw(SerdeConfig.SSL_KEYSTORE_LOCATION);
        try {
            if (blank(trustLocation) && blank(keyLocation)) {
                return SSLContext.getDefault();
            }
            TrustManagerFactory tmf = null;
            if (!blank(trustLocation)) {
                KeyStore trust = load(
                        trustLocation,
                        config.raw(SerdeConfig.SSL_TRUSTSTORE_TYPE),
                        config.raw(SerdeConfig.SSL_TRUSTSTORE_PASSWORD),
                        SerdeConfig.SSL_TRUSTSTORE_LOCATION);
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trust);
            }
            KeyManagerFactory kmf = null;
            if (!blank(keyLocation)) {
                String storePassword = config.raw(SerdeConfig.SSL_KEYSTORE_PASSWORD);
                KeyStore keys = load(
                        keyLocation,
                        config.raw(SerdeConfig.SSL_KEYSTORE_TYPE),
                        storePassword,
                        SerdeConfig.SSL_KEYSTORE_LOCATION);
                String keyPassword = config.raw(SerdeConfig.SSL_KEY_PASSWORD);
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, chars(keyPassword != null ? keyPassword : storePassword));
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new ConfigException(
                    "cannot build the registry TLS context: " + e.getClass().getSimpleName());
        }
    }

    private static KeyStore load(String location, String type, String password, String key) {
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            KeyStore store = KeyStore.getInstance(blank(type) ? "PKCS12" : type);
            store.load(in, chars(password));
            return store;
        } catch (Exception e) {
            throw new ConfigException(
                    key,
                    location,
                    "cannot open the store: " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
    }

    private static char[] chars(String password) {
        return password == null ? null : password.toCharArray();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
