package io.msmeatlas.auth.user;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

final class UserRequests {

    private UserRequests() {
    }

    /** Self-registration; the password rules are {@link PasswordPolicy}'s. */
    @AcceptablePassword
    record Register(
            @NotBlank @Email @Size(max = 254) String email,
            @NotNull String password,
            @NotBlank @Size(max = 100) String displayName,
            @NotNull @Pattern(regexp = "BUYER|SELLER",
                    message = "must be BUYER or SELLER; ADMIN accounts are only created by configuration")
            String role) {
    }
}
