package io.prazo.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The contract files against the code: a schema for every event type and none for a type that does
 * not exist, each schema describing exactly what {@link TicketEventJson} writes, and the AsyncAPI
 * document naming every type.
 */
class EventContractTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SCHEMA_FILE = Pattern.compile("(.+)\\.v([0-9]+)\\.schema\\.json");

  private final TicketEventJson events = TicketEventJson.standard();

  @Test
  void everyEventTypeHasASchemaForItsCurrentVersion() {
    for (EventTypes.Type type : EventTypes.all()) {
      JsonNode schema = read(EventContract.schema(type));
      assertThat(schema.path("$schema").asText())
          .isEqualTo("https://json-schema.org/draft/2020-12/schema");
      assertThat(schema.path("title").asText()).contains(type.versionedName());
      assertThat(EventContract.findSchema(type.versionedName())).isPresent();
    }
  }

  @Test
  void thereIsNoSchemaForATypeThatDoesNotExist() throws IOException {
    List<String> files = contractFiles();
    assertThat(files).contains(EventContract.ENVELOPE_SCHEMA, EventContract.ASYNCAPI);
    for (String file : files) {
      if (file.equals(EventContract.ENVELOPE_SCHEMA) || file.equals(EventContract.ASYNCAPI)) {
        continue;
      }
      Matcher m = SCHEMA_FILE.matcher(file);
      assertThat(m.matches()).as("%s is named <type>.v<n>.schema.json", file).isTrue();
      EventTypes.Type type =
          EventTypes.named(m.group(1))
              .orElseThrow(() -> new AssertionError(file + " names no event type"));
      assertThat(Integer.parseInt(m.group(2)))
          .as("%s: no version beyond the current one", file)
          .isBetween(1, type.version());
    }
    var unknown = new EventTypes.Type("io.prazo.ticket.teleported", 1, TicketOpened.class);
    assertThatThrownBy(() -> EventContract.schema(unknown))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("io.prazo.ticket.teleported.v1.schema.json");
    assertThat(EventContract.findSchema("io.prazo.ticket.teleported.v1")).isEmpty();
    assertThat(EventContract.findSchema("io.prazo.ticket.opened.v3")).isEmpty();
  }

  @Test
  void eachSchemaListsExactlyTheRecordsComponentsWithTheirJsonTypes() {
    for (EventTypes.Type type : EventTypes.all()) {
      assertDescribes(read(EventContract.schema(type)), type.javaType(), type.versionedName());
    }
  }

  @Test
  void eachSchemaDescribesExactlyWhatTicketEventJsonWrites() {
    for (TicketEvent event : EventSamples.allFull()) {
      EventTypes.Type type = EventTypes.of(event.getClass());
      assertSameFields(
          events.toTree(event), read(EventContract.schema(type)), type.versionedName());
    }
  }

  @Test
  void theEnvelopeSchemaDescribesEveryAttributeCloudEventJsonWrites() throws IOException {
    JsonNode schema = read(EventContract.envelopeSchema());
    TicketEventEnvelope envelope =
        new TicketEventEnvelope(
            "e-1",
            0,
            new EventMetadata(new Actor("c-1", Role.CUSTOMER, "acme"), "corr", "cause"),
            new TicketReopened("t-1", Instant.EPOCH));
    JsonNode written =
        JSON.readTree(CloudEventJson.standard().write(envelope, "/prazo/ticket-command"));
    Set<String> attributes = fieldNames(written);
    assertThat(fieldNames(schema.path("properties"))).isEqualTo(attributes);
    attributes.remove(CloudEventJson.ACTOR_ORGANIZATION);
    assertThat(texts(schema.path("required"))).containsExactlyInAnyOrderElementsOf(attributes);
    assertThat(schema.at("/properties/sequence/type").asText()).isEqualTo("integer");
    assertThat(texts(schema.at("/properties/actorrole/enum")))
        .containsExactlyElementsOf(Arrays.stream(Role.values()).map(Role::wireName).toList());
  }

  @Test
  void theAsyncApiDocumentNamesEveryTypeWithItsSchema() throws IOException {
    JsonNode doc;
    try (InputStream in = EventContract.asyncApi().openStream()) {
      doc = new YAMLMapper().readTree(in);
    }
    assertThat(doc.path("asyncapi").asText()).isEqualTo("3.0.0");
    assertThat(doc.at("/info/version").asText()).matches("[0-9]+\\.[0-9]+\\.[0-9]+");
    assertThat(doc.at("/info/description").asText())
        .contains("At least once", "In order per ticket", "No gaps", "deduplicate on `id`")
        .contains("internal notes", "survey", "ACLs");
    assertThat(doc.path("defaultContentType").asText()).isEqualTo(CloudEventJson.CONTENT_TYPE);

    JsonNode channel = doc.at("/channels/ticketEvents");
    assertThat(channel.path("address").asText()).isEqualTo(EventContract.DEFAULT_TOPIC);
    JsonNode operation = doc.at("/operations/publishTicketEvents");
    assertThat(operation.path("action").asText()).isEqualTo("send");
    assertThat(operation.at("/channel/$ref").asText()).isEqualTo("#/channels/ticketEvents");
    assertThat(doc.at("/components/messageTraits/ticketEvent/bindings/kafka/key/type").asText())
        .isEqualTo("string");

    JsonNode messages = doc.at("/components/messages");
    Map<String, String> schemaByName = new HashMap<>();
    for (String key : fieldNames(messages)) {
      JsonNode message = messages.path(key);
      assertThat(message.path("contentType").asText()).isEqualTo(CloudEventJson.CONTENT_TYPE);
      assertThat(message.at("/payload/allOf/0/$ref").asText())
          .isEqualTo("./cloudevent.schema.json");
      String name = message.path("name").asText();
      assertThat(message.at("/payload/allOf/1/properties/type/const").asText()).isEqualTo(name);
      schemaByName.put(name, message.at("/payload/allOf/1/properties/data/$ref").asText());
      assertThat(channel.at("/messages/" + key + "/$ref").asText())
          .isEqualTo("#/components/messages/" + key);
      assertThat(operation.path("messages").findValuesAsText("$ref"))
          .contains("#/channels/ticketEvents/messages/" + key);
    }
    assertThat(schemaByName.keySet())
        .containsExactlyInAnyOrderElementsOf(
            EventTypes.all().stream().map(EventTypes.Type::versionedName).toList());
    schemaByName.forEach(
        (name, ref) -> assertThat(ref).isEqualTo("./" + EventContract.schemaFileName(name)));

    for (String ref : doc.findValuesAsText("$ref")) {
      if (!ref.startsWith("#")) {
        assertThat(ref).startsWith("./");
        assertThat(
                getClass()
                    .getClassLoader()
                    .getResource(EventContract.RESOURCE_DIRECTORY + ref.substring(2)))
            .as("%s resolves", ref)
            .isNotNull();
      } else {
        assertThat(doc.at(ref.substring(1)).isMissingNode()).as("%s resolves", ref).isFalse();
      }
    }
  }

  private void assertDescribes(JsonNode schema, Class<?> record, String where) {
    assertThat(schema.path("type").asText()).as(where).isEqualTo("object");
    assertThat(
            schema.path("additionalProperties").isBoolean()
                && !schema.path("additionalProperties").asBoolean())
        .as("%s is closed (additionalProperties: false)", where)
        .isTrue();
    var components = record.getRecordComponents();
    Set<String> names = new LinkedHashSet<>();
    Set<String> required = new LinkedHashSet<>();
    for (var component : components) {
      String name = EventSamples.jsonName(component);
      names.add(name);
      if (component.getType().isPrimitive() || !EventSamples.nullable(component)) {
        required.add(name);
      }
    }
    assertThat(fieldNames(schema.path("properties")))
        .as("%s: the properties are the components of %s", where, record.getSimpleName())
        .isEqualTo(names);
    assertThat(texts(schema.path("required")))
        .as("%s: required are the components that are never null", where)
        .containsExactlyInAnyOrderElementsOf(required);
    for (var component : components) {
      String name = EventSamples.jsonName(component);
      JsonNode property = schema.path("properties").path(name);
      String path = where + "." + name;
      assertThat(property.path("description").asText())
          .as("%s has a description", path)
          .isNotBlank();
      Class<?> type = component.getType();
      if (type == String.class) {
        assertThat(property.path("type").asText()).as(path).isEqualTo("string");
        assertThat(property.has("format")).as(path).isFalse();
      } else if (type == Instant.class) {
        assertThat(property.path("type").asText()).as(path).isEqualTo("string");
        assertThat(property.path("format").asText()).as(path).isEqualTo("date-time");
      } else if (type == int.class || type == long.class) {
        assertThat(property.path("type").asText()).as(path).isEqualTo("integer");
      } else if (type == boolean.class) {
        assertThat(property.path("type").asText()).as(path).isEqualTo("boolean");
      } else if (type.isEnum()) {
        assertThat(property.path("type").asText()).as(path).isEqualTo("string");
        List<String> wire =
            Arrays.stream(type.getEnumConstants())
                .map(c -> events.mapper().valueToTree(c).asText())
                .toList();
        assertThat(texts(property.path("enum"))).as(path).containsExactlyElementsOf(wire);
      } else if (type.isRecord()) {
        assertDescribes(property, type, path);
      } else if (type == Map.class) {
        assertThat(property.path("type").asText()).as(path).isEqualTo("object");
        assertThat(property.at("/additionalProperties/type").asText())
            .as(path)
            .isEqualTo("integer");
      } else {
        fail("%s: the test knows no JSON type for %s", path, type);
      }
    }
  }

  private static void assertSameFields(JsonNode written, JsonNode schema, String where) {
    JsonNode properties = schema.path("properties");
    if (properties.isMissingNode()) {
      return;
    }
    assertThat(fieldNames(written)).as(where).isEqualTo(fieldNames(properties));
    for (String name : fieldNames(written)) {
      if (written.get(name).isObject()) {
        assertSameFields(written.get(name), properties.path(name), where + "." + name);
      }
    }
  }

  private static List<String> contractFiles() throws IOException {
    URL directory = EventContract.envelopeSchema();
    assertThat(directory.getProtocol())
        .as("the tests read the contract from a directory, not a jar")
        .isEqualTo("file");
    try (Stream<Path> files = Files.list(Path.of(directory.toURI()).getParent())) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode read(URL url) {
    try (InputStream in = url.openStream()) {
      JsonNode node = JSON.readTree(in);
      assertThat(node).as(url.toString()).isInstanceOf(ObjectNode.class);
      return node;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new LinkedHashSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(n.asText()));
    return texts;
  }
}
