package io.prazo.events;

import java.net.URL;
import java.util.Optional;

/**
 * Where the published contract of the ticket events topic lies on the classpath, under {@value
 * #RESOURCE_DIRECTORY}: one JSON Schema (draft 2020-12) per event type describing its {@code data},
 * named {@code <versionedName>.schema.json}; {@code cloudevent.schema.json}, the CloudEvents
 * envelope; and {@code asyncapi.yaml}, the AsyncAPI 3.0 document of the topic.
 *
 * <p>A new version of an event type gets a new schema file beside the old ones, which are kept for
 * consumers still reading older records.
 *
 * <p>Implementation Requirements: stateless and thread-safe.
 */
public final class EventContract {

  /** The classpath directory of the contract files, without a leading slash. */
  public static final String RESOURCE_DIRECTORY = "io/prazo/events/contract/";

  /** The file name of the envelope schema. */
  public static final String ENVELOPE_SCHEMA = "cloudevent.schema.json";

  /** The file name of the AsyncAPI document. */
  public static final String ASYNCAPI = "asyncapi.yaml";

  /** The suffix of every schema file. */
  public static final String SCHEMA_SUFFIX = ".schema.json";

  /** The topic the events are published to, unless configured otherwise. */
  public static final String DEFAULT_TOPIC = "tickets.events.v1";

  private EventContract() {}

  /**
   * The schema of the {@code data} of an event type at its current version.
   *
   * @param type the event type, not null
   * @return the schema's location, never null
   * @throws IllegalStateException if the contract has no schema for the type's versioned name
   */
  public static URL schema(EventTypes.Type type) {
    return require(schemaFileName(type.versionedName()));
  }

  /**
   * The schema of the {@code data} of a CloudEvents {@code type}, which may be an older version
   * than the current one.
   *
   * @param versionedName a CloudEvents type such as {@code io.prazo.ticket.opened.v2}, not null
   * @return the schema's location, or empty when the contract has none
   */
  public static Optional<URL> findSchema(String versionedName) {
    if (versionedName.isEmpty() || versionedName.contains("/")) {
      return Optional.empty();
    }
    return Optional.ofNullable(resource(schemaFileName(versionedName)));
  }

  /**
   * The schema of the CloudEvents envelope, without the type-specific check of {@code data}.
   *
   * @return the schema's location, never null
   * @throws IllegalStateException if the file is missing from the classpath
   */
  public static URL envelopeSchema() {
    return require(ENVELOPE_SCHEMA);
  }

  /**
   * The AsyncAPI 3.0 document of the topic.
   *
   * @return the document's location, never null
   * @throws IllegalStateException if the file is missing from the classpath
   */
  public static URL asyncApi() {
    return require(ASYNCAPI);
  }

  /**
   * The file name of the schema of a versioned type name.
   *
   * @param versionedName e.g. {@code io.prazo.ticket.opened.v2}, not null
   * @return e.g. {@code io.prazo.ticket.opened.v2.schema.json}
   */
  public static String schemaFileName(String versionedName) {
    return versionedName + SCHEMA_SUFFIX;
  }

  private static URL require(String fileName) {
    URL url = resource(fileName);
    if (url == null) {
      throw new IllegalStateException(
          "the event contract has no "
              + fileName
              + " (looked for "
              + RESOURCE_DIRECTORY
              + fileName
              + " on the classpath of ticket-events)");
    }
    return url;
  }

  private static URL resource(String fileName) {
    ClassLoader loader = EventContract.class.getClassLoader();
    return loader == null
        ? ClassLoader.getSystemResource(RESOURCE_DIRECTORY + fileName)
        : loader.getResource(RESOURCE_DIRECTORY + fileName);
  }
}
