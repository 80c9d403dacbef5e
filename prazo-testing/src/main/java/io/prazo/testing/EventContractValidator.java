package io.prazo.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.prazo.events.CloudEventJson;
import io.prazo.events.EventContract;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a record value of the ticket events topic against the published contract of ticket-events:
 * the CloudEvents envelope against {@code cloudevent.schema.json}, its {@code data} against the
 * schema of its {@code type}, and, when both pass, that {@link CloudEventJson} reads it (subject
 * and time agree with the data). Formats such as {@code date-time} are asserted.
 *
 * <p>Thread-safe; schemas are loaded once per type.
 */
public final class EventContractValidator {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final JsonSchemaFactory factory =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  private final SchemaValidatorsConfig config =
      SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
  private final JsonSchema envelope = load(EventContract.envelopeSchema());
  private final Map<String, Optional<JsonSchema>> dataSchemas = new ConcurrentHashMap<>();

  /** Loads the envelope schema; the schema of each type is loaded when first needed. */
  public EventContractValidator() {}

  /**
   * Validates one record value.
   *
   * @param recordValue the value as published, UTF-8 JSON
   * @return what is wrong, one line each, starting with the JSON pointer of the offending value
   *     (e.g. {@code /data/reason (io.prazo.ticket.paused.v1): does not have a value in the
   *     enumeration ...}); empty when the value keeps the contract
   */
  public List<String> validate(byte[] recordValue) {
    JsonNode event;
    try {
      event = MAPPER.readTree(recordValue);
    } catch (IOException e) {
      return List.of("not JSON: " + e.getMessage());
    }
    if (event == null || !event.isObject()) {
      return List.of("not a JSON object");
    }
    List<String> violations = new ArrayList<>(messages("", "", envelope.validate(event)));
    JsonNode type = event.get(CloudEventJson.TYPE);
    JsonNode data = event.get(CloudEventJson.DATA);
    if (type != null && type.isTextual() && data != null) {
      Optional<JsonSchema> schema =
          dataSchemas.computeIfAbsent(
              type.asText(), name -> EventContract.findSchema(name).map(this::load));
      if (schema.isEmpty()) {
        violations.add("/type: the contract has no schema for " + type.asText());
      } else {
        violations.addAll(
            messages("/data", " (" + type.asText() + ")", schema.get().validate(data)));
      }
    }
    if (violations.isEmpty()) {
      try {
        CloudEventJson.standard().read(recordValue);
      } catch (IllegalArgumentException e) {
        violations.add("not readable by CloudEventJson: " + e.getMessage());
      }
    }
    return List.copyOf(violations);
  }

  private static List<String> messages(
      String pathPrefix, String suffix, Set<ValidationMessage> messages) {
    return messages.stream()
        .map(
            m -> {
              String path = pathPrefix + m.getInstanceLocation();
              return (path.isEmpty() ? "/" : path) + suffix + ": " + m.getError();
            })
        .sorted()
        .toList();
  }

  private JsonSchema load(URL url) {
    try (InputStream in = url.openStream()) {
      return factory.getSchema(MAPPER.readTree(in), config);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the schema " + url, e);
    }
  }
}
