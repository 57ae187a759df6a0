package datastore.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void libpqUrlsBecomeJdbcUrlsWithCredentialsApart() {
        DatabaseUrl u = DatabaseUrl.parse(
                "postgresql://ckan_default:p%40ss%3Aw0rd@db.example:6432/datastore_default" + "?sslmode=require");
        assertThat(u.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6432/datastore_default?sslmode=require");
        assertThat(u.user()).isEqualTo("ckan_default");
        assertThat(u.password()).isEqualTo("p@ss:w0rd");
        assertThat(u.redacted()).doesNotContain("w0rd");
    }

    @Test
    void shortFormsFillInTheDefaults() {
        assertThat(DatabaseUrl.parse("postgres://localhost/ds"))
                .isEqualTo(new DatabaseUrl("jdbc:postgresql://localhost/ds", null, null));
        assertThat(DatabaseUrl.parse("postgresql:///ds").jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/ds");
        assertThat(DatabaseUrl.parse("postgresql://u@[::1]:5433/ds").jdbcUrl())
                .isEqualTo("jdbc:postgresql://[::1]:5433/ds");
    }

    @Test
    void jdbcUrlsPassThrough() {
        String jdbc = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres&password=secret";
        assertThat(DatabaseUrl.parse(jdbc).jdbcUrl()).isEqualTo(jdbc);
        assertThat(DatabaseUrl.parse(jdbc).redacted()).doesNotContain("secret");
    }

    @Test
    void otherSchemesAreRefused() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://x/y")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DatabaseUrl.parse("jdbc:postgresql:ds")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://a b/c")).isInstanceOf(IllegalArgumentException.class);
    }
}
