package io.prazo.testing.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broker in its own JVM, on this test JVM's class path (which holds kafka_2.13). */
class KafkaBrokerProcessIT {
  @TempDir Path directory;

  @Test
  void aBrokerInItsOwnJvmTakesAndGivesRecordsAndIsGoneOnceClosed() throws Exception {
    KafkaBrokerProcess kafka =
        KafkaBrokerProcess.start(
            System.getProperty("java.class.path"),
            directory.resolve("kafka"),
            directory.resolve("kafka.log"),
            List.of("-Xmx256m"));
    int port;
    try {
      assertThat(kafka.bootstrapServers()).startsWith("127.0.0.1:");
      assertThat(kafka.process().isAlive()).isTrue();
      assertThat(Files.readString(directory.resolve("kafka/server.properties")))
          .contains("process.roles=broker,controller")
          .contains("auto.create.topics.enable=false");
      port = Integer.parseInt(kafka.bootstrapServers().substring("127.0.0.1:".length()));

      Properties admin = new Properties();
      admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
      try (Admin client = Admin.create(admin)) {
        client.createTopics(List.of(new NewTopic("t", 1, (short) 1))).all().get();
      }
      Map<String, Object> producer =
          Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
      try (KafkaProducer<String, String> send =
          new KafkaProducer<>(producer, new StringSerializer(), new StringSerializer())) {
        send.send(new ProducerRecord<>("t", "k", "olá")).get();
      }
      Map<String, Object> consumer =
          Map.of(
              ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
              kafka.bootstrapServers(),
              ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
              "earliest");
      try (KafkaConsumer<String, String> read =
          new KafkaConsumer<>(consumer, new StringDeserializer(), new StringDeserializer())) {
        read.assign(List.of(new TopicPartition("t", 0)));
        List<ConsumerRecord<String, String>> records = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (records.isEmpty() && System.nanoTime() < deadline) {
          read.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        assertThat(records).extracting(ConsumerRecord::value).containsExactly("olá");
      }
    } finally {
      kafka.close();
    }
    assertThat(kafka.process().isAlive()).isFalse();
    assertThat(Files.readString(directory.resolve("kafka.log"), StandardCharsets.UTF_8))
        .contains("Formatting")
        .contains("Kafka Server started");
    try (ServerSocket free = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThat(free.getLocalPort()).as("the broker's port is free again").isEqualTo(port);
    }
  }
}
