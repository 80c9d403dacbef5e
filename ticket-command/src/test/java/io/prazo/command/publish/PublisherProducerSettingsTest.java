package io.prazo.command.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Deployments pass Kafka credentials as environment variables (the Helm chart from a Secret, see
 * helm/prazo): {@code PRAZO_KAFKA_PRODUCER_<SETTING>} with the setting's dots as underscores.
 */
class PublisherProducerSettingsTest {

  private static Map<String, Object> settingsFromEnvironment(Map<String, Object> variables) {
    Binder binder =
        new Binder(
            ConfigurationPropertySources.from(
                new SystemEnvironmentPropertySource(
                    StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables)));
    KafkaPublisherProperties properties =
        binder.bindOrCreate("prazo.kafka", KafkaPublisherProperties.class);
    return PublisherProducer.settings(properties);
  }

  @Test
  void saslCredentialsFromEnvironmentVariablesReachTheProducer() {
    String jaas =
        "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"prazo\" password=\"S3cret;With=Signs\";";
    Map<String, Object> settings =
        settingsFromEnvironment(
            Map.of(
                "PRAZO_KAFKA_BOOTSTRAP_SERVERS", "kafka-0.kafka:9093",
                "PRAZO_KAFKA_PRODUCER_SECURITY_PROTOCOL", "SASL_SSL",
                "PRAZO_KAFKA_PRODUCER_SASL_MECHANISM", "SCRAM-SHA-512",
                "PRAZO_KAFKA_PRODUCER_SASL_JAAS_CONFIG", jaas));

    assertThat(settings)
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry("sasl.jaas.config", jaas)
        .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka-0.kafka:9093");
  }

  @Test
  void environmentVariablesCannotWeakenTheDeliveryGuarantees() {
    Map<String, Object> settings =
        settingsFromEnvironment(
            Map.of(
                "PRAZO_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                "PRAZO_KAFKA_PRODUCER_ACKS", "0",
                "PRAZO_KAFKA_PRODUCER_ENABLE_IDEMPOTENCE", "false"));

    assertThat(settings)
        .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
        .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
  }
}
