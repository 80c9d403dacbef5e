package io.prazo.command.domain;

import io.prazo.sla.BusinessCalendar;
import io.prazo.sla.Contract;
import io.prazo.sla.Presets;
import io.prazo.sla.SlaPolicy;
import java.time.Year;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** The presets and a few contracts, in memory: the catalog the aggregate tests decide against. */
public final class InMemoryPolicyCatalog implements PolicyCatalog {
  private final Map<String, Contract> contracts = new HashMap<>();
  private final Map<String, SlaPolicy> policies = new HashMap<>();
  private final Map<String, Integer> calendarVersions = new HashMap<>();

  public static InMemoryPolicyCatalog withPresets() {
    InMemoryPolicyCatalog catalog = new InMemoryPolicyCatalog();
    for (BusinessCalendar calendar : Presets.calendars(Year.of(2026))) {
      catalog.calendarVersions.put(calendar.id(), calendar.version());
    }
    for (SlaPolicy policy : Presets.policies()) {
      catalog.policies.put(policy.id(), policy);
    }
    return catalog;
  }

  public InMemoryPolicyCatalog contract(String organizationId, String policyId) {
    contracts.put(organizationId, new Contract(organizationId, 1, policyId));
    return this;
  }

  @Override
  public Optional<Contract> contractOf(String organizationId) {
    return Optional.ofNullable(contracts.get(organizationId));
  }

  @Override
  public Optional<SlaPolicy> currentPolicy(String policyId) {
    return Optional.ofNullable(policies.get(policyId));
  }

  @Override
  public Optional<SlaPolicy> policy(String policyId, int version) {
    return currentPolicy(policyId).filter(p -> p.version() == version);
  }

  @Override
  public OptionalInt currentCalendarVersion(String calendarId) {
    Integer version = calendarVersions.get(calendarId);
    return version == null ? OptionalInt.empty() : OptionalInt.of(version);
  }
}
