package io.prazo.events;

/** Why a ticket was resolved, from the source documents' closing categories. */
public enum ClosingCategory {
  /** Analysis of the customer's environment. */
  ENVIRONMENT_ANALYSIS,
  /** A courtesy service. */
  COURTESY,
  /** Explicit question: the answer was in the documentation. */
  EXPLICIT_QUESTION,
  /** Tacit question. */
  TACIT_QUESTION,
  /** A defect in the product. */
  PRODUCT_ERROR,
  /** A legal or fiscal requirement. */
  LEGAL_REQUIREMENT,
  /** No response from the requester. */
  NO_RESPONSE,
  /** An incident fixed in the database. */
  INCIDENT,
  /** Other tools. */
  OTHER_TOOLS,
  /** Services. */
  SERVICES,
  /** Third-party systems or hardware. */
  THIRD_PARTY,
  /** A suggestion. */
  SUGGESTION
}
