package io.prazo.command.publish;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the topic exists before the first event is sent: creates it with the configured
 * partitions, replicas and settings when it is missing, and leaves an existing topic as it is. Once
 * it has succeeded it costs nothing.
 */
public class TopicSetup {
  private static final Logger log = LoggerFactory.getLogger(TopicSetup.class);
  private static final int TIMEOUT_MILLIS = 15_000;

  private final KafkaPublisherProperties properties;
  private volatile boolean done;

  public TopicSetup(KafkaPublisherProperties properties) {
    this.properties = properties;
    this.done = !properties.createTopic();
  }

  /**
   * Creates the topic if it is missing, once.
   *
   * @throws PublishFailedException when the broker cannot be asked or refuses
   */
  public void ensure() {
    if (done) {
      return;
    }
    synchronized (this) {
      if (done) {
        return;
      }
      Map<String, Object> settings = new HashMap<>(properties.producer());
      settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
      settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MILLIS);
      settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MILLIS);
      settings.keySet().retainAll(AdminClientConfig.configNames());
      try (Admin admin = Admin.create(settings)) {
        if (!exists(admin)) {
          create(admin);
        }
        done = true;
      } catch (ExecutionException e) {
        throw new PublishFailedException(
            "cannot make sure topic " + properties.topic() + " exists", e.getCause());
      } catch (TimeoutException e) {
        throw new PublishFailedException(
            "the broker did not answer about topic " + properties.topic() + " in time", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PublishFailedException("interrupted while setting up the topic", e);
      }
    }
  }

  private boolean exists(Admin admin)
      throws InterruptedException, ExecutionException, TimeoutException {
    try {
      admin
          .describeTopics(List.of(properties.topic()))
          .allTopicNames()
          .get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
      return true;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return false;
      }
      throw e;
    }
  }

  private void create(Admin admin)
      throws InterruptedException, ExecutionException, TimeoutException {
    NewTopic topic =
        new NewTopic(
                properties.topic(),
                Optional.of(properties.partitions()),
                properties.replicationFactor() < 0
                    ? Optional.empty()
                    : Optional.of(properties.replicationFactor()))
            .configs(properties.topicConfig());
    try {
      admin.createTopics(List.of(topic)).all().get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
      log.info("Created topic {} with {} partitions", properties.topic(), properties.partitions());
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
  }
}
