package io.msmeatlas.auth.user;

import java.util.Locale;

/** Emails are unique regardless of case: stored, compared and counted in one normal form. */
public final class Emails {

    private Emails() {
    }

    public static String normalize(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
