package io.prazo.events.upcast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.prazo.events.EventUpcaster;

/**
 * {@code io.prazo.ticket.opened} version 1 named the policy with two top-level fields, {@code
 * policyId} and {@code policyVersion}. Version 2 nests them in {@code sla} together with the
 * calendar versions; a version 1 event records none, so each calendar is taken at version 1.
 */
public final class TicketOpenedV1ToV2 implements EventUpcaster {

  @Override
  public String typeName() {
    return "io.prazo.ticket.opened";
  }

  @Override
  public int fromVersion() {
    return 1;
  }

  @Override
  public ObjectNode upcast(ObjectNode data) {
    JsonNode policyId = data.remove("policyId");
    JsonNode policyVersion = data.remove("policyVersion");
    if (policyId == null || policyVersion == null) {
      throw new IllegalArgumentException(
          "io.prazo.ticket.opened v1 without policyId and policyVersion");
    }
    ObjectNode sla = data.putObject("sla");
    sla.set("policyId", policyId);
    sla.set("policyVersion", policyVersion);
    sla.putObject("calendarVersions");
    if (!data.has("priorityDerived")) {
      data.put("priorityDerived", false);
    }
    return data;
  }
}
