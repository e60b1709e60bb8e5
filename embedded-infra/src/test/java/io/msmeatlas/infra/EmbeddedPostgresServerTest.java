package io.msmeatlas.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerTest {

    @TempDir
    Path dir;

    @Test
    void data_survives_a_restart() throws Exception {
        try (EmbeddedPostgresServer postgres = new EmbeddedPostgresServer(dir, Ports.findFree(), "atlas").start()) {
            execute(postgres, "create table kept(v text); insert into kept values ('still here')");
            postgres.stop();
            postgres.start();
            try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), EmbeddedPostgresServer.USER, "");
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select v from kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("still here");
            }
        }
    }

    private static void execute(EmbeddedPostgresServer postgres, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), EmbeddedPostgresServer.USER, "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
