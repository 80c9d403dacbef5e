package io.prazo.command.domain;

import io.prazo.sla.Contract;
import io.prazo.sla.SlaPolicy;
import java.util.Optional;
import java.util.OptionalInt;

/** Where the domain reads organizations' contracts, policies and calendar versions. */
public interface PolicyCatalog {

  /** The organization's current contract; empty for an unknown organization. */
  Optional<Contract> contractOf(String organizationId);

  /** A policy's newest version. */
  Optional<SlaPolicy> currentPolicy(String policyId);

  /** A policy at an exact version (versions never change). */
  Optional<SlaPolicy> policy(String policyId, int version);

  /** A calendar's newest version number. */
  OptionalInt currentCalendarVersion(String calendarId);
}
