package io.prazo.events;

/**
 * The person who asked for help.
 *
 * @param id the requester's principal id, not null
 * @param name a display name, not null
 * @param email a contact address, may be null
 */
public record Requester(String id, String name, String email) {}
