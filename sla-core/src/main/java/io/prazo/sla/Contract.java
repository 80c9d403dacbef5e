package io.prazo.sla;

import java.util.Objects;

/**
 * An organization's contract: which policy (plan) its tickets are opened under. Contracts are
 * versioned like policies: rebinding an organization makes a new version. A plain, immutable
 * carrier; tickets record the policy version they were opened under themselves.
 *
 * @param organizationId the organization, not null or blank
 * @param version the contract's version, 1 or more
 * @param policyId the id of the bound policy, not null or blank
 */
public record Contract(String organizationId, int version, String policyId) {

  /**
   * Checks the components.
   *
   * @param organizationId the organization, not null or blank
   * @param version the contract's version, 1 or more
   * @param policyId the id of the bound policy, not null or blank
   * @throws InvalidDefinitionException listing every problem, with fields {@code organizationId},
   *     {@code version} and {@code policyId}
   */
  public Contract {
    Problems problems = new Problems();
    problems.requireText("organizationId", organizationId);
    problems.requireVersion("version", version);
    problems.requireText("policyId", policyId);
    problems.throwIfAny("contract of " + Objects.toString(organizationId, "?"));
  }

  /**
   * A copy of this contract with another version.
   *
   * @param newVersion the version, 1 or more
   * @return a new contract
   * @throws InvalidDefinitionException if {@code newVersion < 1}
   */
  public Contract withVersion(int newVersion) {
    return new Contract(organizationId, newVersion, policyId);
  }
}
