package io.msmeatlas.matching.profile;

/** An active profile is matched; a paused one is not, and its open matches are retracted. */
enum ProfileStatus {
    ACTIVE, PAUSED
}
