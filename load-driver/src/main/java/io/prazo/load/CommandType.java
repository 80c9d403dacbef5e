package io.prazo.load;

/**
 * The commands one load client sends, in the order it sends them for each ticket: the customer
 * opens it, the agent replies, pauses, resumes and resolves it, and the customer approves the
 * resolution (which closes it).
 */
enum CommandType {
  OPEN("open", null, false),
  REPLY("reply", "replies", true),
  PAUSE("pause", "pause", true),
  RESUME("resume", "resume", true),
  RESOLVE("resolve", "resolution", true),
  APPROVE("approve", "approval", false);

  private final String label;
  private final String segment;
  private final boolean byAgent;

  CommandType(String label, String segment, boolean byAgent) {
    this.label = label;
    this.segment = segment;
    this.byAgent = byAgent;
  }

  /** Short lowercase name, used in the report and the JSON. */
  String label() {
    return label;
  }

  /** Whether the agent sends it (otherwise the ticket's customer does). */
  boolean byAgent() {
    return byAgent;
  }

  /** The request path; {@code ticketId} is ignored for {@link #OPEN}. */
  String path(String ticketId) {
    return segment == null ? "/api/tickets" : "/api/tickets/" + ticketId + "/" + segment;
  }
}
