package io.prazo.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaTargetTest {

  @TempDir Path dataDir;

  @Test
  void readsTheBrokersFromTheStandalonesDataDirectory() throws Exception {
    Files.writeString(
        dataDir.resolve("kafka.properties"),
        "# written by the standalone\nbootstrap.servers=localhost:19092\n");

    KafkaTarget target =
        KafkaTarget.resolve(Options.parse("--benchmark=kafka", "--data-dir", dataDir.toString()));

    assertThat(target).isEqualTo(new KafkaTarget("localhost:19092", "tickets.events.v1"));
  }

  @Test
  void brokersAndTopicOnTheCommandLineAreUsedWithoutReadingTheFile() throws Exception {
    Files.writeString(dataDir.resolve("kafka.properties"), "bootstrap.servers=file:1\n");

    KafkaTarget target =
        KafkaTarget.resolve(
            Options.parse(
                "--benchmark=kafka",
                "--data-dir",
                dataDir.toString(),
                "--kafka",
                " broker-1:9092,broker-2:9092 ",
                "--topic",
                "tickets.test"));

    assertThat(target).isEqualTo(new KafkaTarget("broker-1:9092,broker-2:9092", "tickets.test"));
  }

  @Test
  void withoutBrokersOrFileSaysWhichFileIsMissingAndHowToGoOn() {
    Path missing = dataDir.resolve("nothing-here");

    assertThatThrownBy(
            () ->
                KafkaTarget.resolve(
                    Options.parse("--benchmark=kafka", "--data-dir", missing.toString())))
        .isInstanceOf(SetupException.class)
        .hasMessageContaining(missing.resolve("kafka.properties").toString())
        .hasMessageContaining("--kafka");
  }

  @Test
  void refusesAFileWithoutBrokers() throws Exception {
    Files.writeString(dataDir.resolve("kafka.properties"), "bootstrap.servers= \n");

    assertThatThrownBy(
            () ->
                KafkaTarget.resolve(
                    Options.parse("--benchmark=kafka", "--data-dir", dataDir.toString())))
        .isInstanceOf(SetupException.class)
        .hasMessageEndingWith("has no 'bootstrap.servers'");
  }
}
