package io.prazo.load;

/**
 * Where the Kafka benchmark reads the ticket events.
 *
 * @param bootstrapServers the brokers, {@code host:port[,host:port...]}
 * @param topic the topic ticket-command publishes to
 */
record KafkaTarget(String bootstrapServers, String topic) {

  /** The file the standalone writes into its data directory. */
  static final String PROPERTIES_FILE = "kafka.properties";

  /**
   * {@code --kafka} when given; otherwise {@code bootstrap.servers} of {@code
   * <data-dir>/kafka.properties}. The topic is {@code --topic}.
   */
  static KafkaTarget resolve(Options options) throws SetupException {
    if (options.kafka() != null) {
      return new KafkaTarget(options.kafka().trim(), options.topic());
    }
    String servers =
        StandaloneFiles.read(
                options.dataDir(),
                PROPERTIES_FILE,
                "bootstrap.servers",
                "cannot run the Kafka benchmark; pass --kafka host:port")
            .getProperty("bootstrap.servers");
    return new KafkaTarget(servers.trim(), options.topic());
  }
}
