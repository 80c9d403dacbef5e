package io.prazo.testing.process;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerProcessTest {
  @TempDir Path directory;

  @Test
  void needsAClassPath() {
    assertThatThrownBy(
            () ->
                KafkaBrokerProcess.start(
                    " ", directory.resolve("kafka"), directory.resolve("k.log"), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no class path");
  }

  @Test
  void refusesADirectoryWithSomethingInIt() throws IOException {
    Files.createDirectories(directory.resolve("kafka"));
    Files.writeString(directory.resolve("kafka/meta.properties"), "cluster.id=x");
    assertThatThrownBy(
            () ->
                KafkaBrokerProcess.start(
                    System.getProperty("java.class.path"),
                    directory.resolve("kafka"),
                    directory.resolve("k.log"),
                    List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an empty directory");
  }

  @Test
  void aClassPathWithoutKafkaFailsAtTheStorageToolWithItsOutput() {
    assertThatThrownBy(
            () ->
                KafkaBrokerProcess.start(
                    directory.resolve("nothing.jar").toString(),
                    directory.resolve("kafka"),
                    directory.resolve("k.log"),
                    List.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Kafka's storage tool failed (exit code 1)")
        .hasMessageContaining("kafka.tools.StorageTool");
  }
}
