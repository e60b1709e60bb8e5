package io.msmeatlas.auth.user;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What a password must be; each broken rule is one message, reported on the field {@code password}. */
final class PasswordPolicy {

    static final int MIN_LENGTH = 10;
    static final int MAX_LENGTH = 128;
    /** Shorter local parts ("a@x.in") would forbid most passwords without making any weaker one stronger. */
    private static final int MIN_LOCAL_PART = 3;

    private PasswordPolicy() {
    }

    static List<String> problems(String password, String email) {
        List<String> problems = new ArrayList<>();
        if (password == null) {
            return problems;
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            problems.add("must be at least " + MIN_LENGTH + " characters long");
        }
        if (length > MAX_LENGTH) {
            problems.add("must be at most " + MAX_LENGTH + " characters long");
        }
        if (password.codePoints().noneMatch(Character::isLetter)) {
            problems.add("must contain a letter");
        }
        if (password.codePoints().noneMatch(Character::isDigit)) {
            problems.add("must contain a digit");
        }
        String localPart = localPart(email);
        if (localPart.length() >= MIN_LOCAL_PART && password.toLowerCase(Locale.ROOT).contains(localPart)) {
            problems.add("must not contain the name part of your email address");
        }
        return problems;
    }

    private static String localPart(String email) {
        if (email == null) {
            return "";
        }
        int at = email.lastIndexOf('@');
        return Emails.normalize(at < 0 ? email : email.substring(0, at));
    }
}
