package io.prazo.command.web;

/** Reads {@code If-Match: "<version>"}: the version a command expects the ticket to be at. */
final class IfMatch {
  private IfMatch() {}

  /** The expected version, or null when the header is absent or {@code *}. */
  static Long expectedVersion(String header) {
    if (header == null || header.isBlank() || header.trim().equals("*")) {
      return null;
    }
    String value = header.trim();
    if (value.startsWith("W/")) {
      value = value.substring(2);
    }
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      value = value.substring(1, value.length() - 1);
    }
    try {
      long version = Long.parseLong(value);
      if (version < 0) {
        throw new VersionPreconditionException("If-Match must name a version of 0 or more");
      }
      return version;
    } catch (NumberFormatException e) {
      throw new VersionPreconditionException(
          "If-Match must be a ticket version such as \"3\", not " + header);
    }
  }

  static String etag(long version) {
    return "\"" + version + "\"";
  }
}
