package io.prazo.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * What the benchmark needs of one record of the ticket events topic: the CloudEvents {@code id}
 * (the event's id, the same when an event is published again), the ticket (the record's key, or the
 * envelope's {@code subject} when the record has no key) and the event's {@code sequence} in its
 * ticket.
 *
 * @param id the event id, never null
 * @param ticketId the ticket, never null
 * @param sequence the event's sequence number in its ticket, from 0
 */
record PublishedEvent(String id, String ticketId, long sequence) {

  private static final JsonFactory JSON = new JsonFactory();
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");

  /**
   * Reads a record: its key and the top-level {@code id}, {@code subject} and {@code sequence} of
   * its CloudEvents JSON value; {@code data} and everything else is skipped unread.
   *
   * @return the event, or null when the value is no JSON object or lacks the id, the ticket or an
   *     integer sequence
   */
  static PublishedEvent parse(String key, byte[] value) {
    if (value == null) {
      return null;
    }
    String id = null;
    String subject = null;
    long sequence = -1;
    try (JsonParser parser = JSON.createParser(value)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken token = parser.nextToken();
        switch (name) {
          case "id" -> id = text(parser, token);
          case "subject" -> subject = text(parser, token);
          case "sequence" -> sequence = sequence(parser, token);
          default -> parser.skipChildren();
        }
      }
    } catch (IOException e) {
      return null;
    }
    String ticketId = key != null && !key.isEmpty() ? key : subject;
    if (id == null || id.isEmpty() || ticketId == null || ticketId.isEmpty() || sequence < 0) {
      return null;
    }
    return new PublishedEvent(id, ticketId, sequence);
  }

  private static String text(JsonParser parser, JsonToken token) throws IOException {
    if (token == JsonToken.VALUE_STRING) {
      return parser.getText();
    }
    parser.skipChildren();
    return null;
  }

  /** A JSON integer, or (leniently) a string of digits; -1 for anything else. */
  private static long sequence(JsonParser parser, JsonToken token) throws IOException {
    if (token == JsonToken.VALUE_NUMBER_INT) {
      return parser.getLongValue();
    }
    if (token == JsonToken.VALUE_STRING && DIGITS.matcher(parser.getText()).matches()) {
      return Long.parseLong(parser.getText());
    }
    parser.skipChildren();
    return -1;
  }
}
