package io.msmeatlas.auth.user;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    private static final String EMAIL = "Asha.Rao@example.in";

    @Test
    void a_long_enough_password_with_a_letter_and_a_digit_passes() {
        assertThat(PasswordPolicy.problems("monsoon-2026", EMAIL)).isEmpty();
    }

    @Test
    void length_is_between_10_and_128_characters() {
        assertThat(PasswordPolicy.problems("abcdefgh1", EMAIL)).containsExactly("must be at least 10 characters long");
        assertThat(PasswordPolicy.problems("abcdefghi1", EMAIL)).isEmpty();
        assertThat(PasswordPolicy.problems("a1".repeat(64), EMAIL)).isEmpty();
        assertThat(PasswordPolicy.problems("a1".repeat(64) + "x", EMAIL)).containsExactly("must be at most 128 characters long");
    }

    @Test
    void a_letter_and_a_digit_are_both_required() {
        assertThat(PasswordPolicy.problems("0123456789", EMAIL)).containsExactly("must contain a letter");
        assertThat(PasswordPolicy.problems("abcdefghij", EMAIL)).containsExactly("must contain a digit");
    }

    @Test
    void the_name_part_of_the_email_is_refused_in_any_case() {
        assertThat(PasswordPolicy.problems("my-ASHA.RAO-1", EMAIL))
                .containsExactly("must not contain the name part of your email address");
    }

    @Test
    void a_very_short_name_part_is_not_held_against_the_password() {
        assertThat(PasswordPolicy.problems("jacaranda-77", "ja@example.in")).isEmpty();
    }

    @Test
    void every_broken_rule_is_reported() {
        assertThat(PasswordPolicy.problems("asha.rao", EMAIL)).hasSize(3);
    }
}
