package io.msmeatlas.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The local run's first ADMIN: its password is generated on the first start (never committed) and
 * kept, readable by the owner only, in the data directory so it stays valid across restarts.
 */
final class AdminPassword {

    private AdminPassword() {
    }

    static Path file(Path dataDir) {
        return dataDir.resolve("admin-password");
    }

    static String loadOrCreate(Path dataDir) {
        Path file = file(dataDir);
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            Files.createDirectories(dataDir);
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            // Letters and digits both present, as the password policy asks.
            String password = "A1" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the file keeps the directory's permissions.
            }
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the admin password in " + file, e);
        }
    }
}
