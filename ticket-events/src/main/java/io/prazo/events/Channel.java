package io.prazo.events;

/** How the customer reached the desk. */
public enum Channel {
  /** The support portal. */
  PORTAL,
  /** E-mail. */
  EMAIL,
  /** A phone call. */
  PHONE,
  /** Chat. */
  CHAT,
  /** A remote-access session. */
  REMOTE
}
