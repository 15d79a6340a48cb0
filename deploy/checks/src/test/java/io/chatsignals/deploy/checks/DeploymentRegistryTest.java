package io.chatsignals.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsignals.contract.Schemas.Topics;
import io.chatsignals.ops.AppConfig;
import io.chatsignals.providers.ProviderSpec;
import io.chatsignals.providers.ProviderSpecs;
import io.chatsignals.worker.provider.Registrations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The deployment files hold every provider of the registry (docs/design.md, "Adding a provider"): each inbound
 * provider's topic is in the contract's topic list and created by Compose and by the Kubernetes topic manifests; each
 * secret a provider needs (the worker's credentials, the ingress's webhook secrets) has its placeholder in Compose's
 * {@code .env.example} and in the Kubernetes example overlay. A provider added to the registry and forgotten in a
 * deployment file fails here.
 */
class DeploymentRegistryTest {
    private static final Path ROOT = Path.of("..", "..");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"docker/compose.yaml", "deploy/k8s/topics/topics.yaml"})
    void everyInboundProvidersTopicIsCreated(String file) throws IOException {
        String text = Files.readString(ROOT.resolve(file));
        for (ProviderSpec spec : ProviderSpecs.withInbound()) {
            String topic = spec.inbound().orElseThrow().topic();
            assertThat(Topics.ALL).as("the contract's topics").contains(topic);
            assertThat(text)
                    .as("%s creates %s's topic", file, spec.key())
                    .containsPattern("(topicName: |for topic in .*)" + Pattern.quote(topic) + "\\b");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"docker/.env.example", "deploy/k8s/overlays/example/kustomization.yaml"})
    void everyProvidersSecretHasItsPlaceholder(String file) throws IOException {
        String text = Files.readString(ROOT.resolve(file));
        Set<String> variables = new TreeSet<>();
        Registrations.secretKeys().forEach(k -> variables.add(AppConfig.envName(k)));
        AppSettings.keysRead("ingress").stream()
                .filter(k -> k.startsWith("webhooks.") && !k.endsWith("-file"))
                .forEach(k -> variables.add(AppConfig.envName(k)));
        assertThat(variables).isNotEmpty();
        for (String variable : variables) {
            assertThat(text)
                    .as("%s has a placeholder for %s", file, variable)
                    .containsPattern("(?m)^\\s*(- )?" + Pattern.quote(variable) + "=");
        }
    }
}
