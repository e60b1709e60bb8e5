package io.msmeatlas.schemas.match;

/** How to reach one party of a match; {@code phone} may be absent. */
public record PartyContact(String name, String email, String phone) {
}
