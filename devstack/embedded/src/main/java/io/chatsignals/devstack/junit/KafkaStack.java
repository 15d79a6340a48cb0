package io.chatsignals.devstack.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class a running Kafka broker and schema registry: declare parameters of type
 * {@link io.chatsignals.devstack.kafka.KafkaBroker} and/or
 * {@link io.chatsignals.devstack.registry.EmbeddedSchemaRegistry} on test methods, lifecycle methods or the
 * constructor. Both are started once per test JVM and shared by every class that uses this annotation; they stop
 * when the test run ends. Use distinct topic and subject names per test.
 *
 * <p>Broker backend: system property {@code chatsignals.kafka.backend} = {@code embedded} (default, a KRaft broker
 * in this JVM) or {@code testcontainers} (the {@code apache/kafka} image; tests are skipped, with the reason, when no
 * Docker engine answers). Registry launch mode: {@code chatsignals.registry.mode} = {@code child-process} (default) or
 * {@code in-process}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(KafkaStackExtension.class)
public @interface KafkaStack {}
