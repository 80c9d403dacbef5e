package io.prazo.events;

/** The support level that holds a ticket: first contact, deeper analysis, development. */
public enum SupportLevel {
  /** First contact, answers from the knowledge base. */
  N1,
  /** Deeper analysis; hands over to maintenance when needed. */
  N2,
  /** Development or product maintenance. */
  N3
}
