package io.msmeatlas.auth.user;

/** BUYER and SELLER are chosen at registration; ADMIN is only given by the bootstrap configuration. */
public enum Role {
    BUYER,
    SELLER,
    ADMIN
}
