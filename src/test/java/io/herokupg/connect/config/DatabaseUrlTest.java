/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DatabaseUrlTest {

    /** What a URL must parse into; {@code null} user or password means absent. */
    private record Expected(String host, int port, String database, String user, String password,
                            Map<String, String> parameters) {
    }

    private static Arguments ok(String name, String url, Expected expected) {
        return Arguments.of(name, url, expected);
    }

    private static Expected expect(String host, int port, String db, String user, String password,
                                   String... params) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            map.put(params[i], params[i + 1]);
        }
        return new Expected(host, port, db, user, password, map);
    }

    static Stream<Arguments> validUrls() {
        return Stream.of(
            ok("heroku DATABASE_URL",
                "postgres://u8abc:Pf00d1e@ec2-3-210-1-2.compute-1.amazonaws.com:5432/d9vq1",
                expect("ec2-3-210-1-2.compute-1.amazonaws.com", 5432, "d9vq1", "u8abc", "Pf00d1e")),
            ok("postgresql scheme, other port",
                "postgresql://alice:Wonder1and@db.example.com:6543/shop",
                expect("db.example.com", 6543, "shop", "alice", "Wonder1and")),
            ok("missing port defaults to 5432",
                "postgres://alice:Wonder1and@db.example.com/shop",
                expect("db.example.com", 5432, "shop", "alice", "Wonder1and")),
            ok("jdbc URL with credentials in the query",
                "jdbc:postgresql://db.example.com:5433/shop?user=u&password=JdbcPw9&sslmode=require",
                expect("db.example.com", 5433, "shop", "u", "JdbcPw9", "sslmode", "require")),
            ok("jdbc URL without port",
                "jdbc:postgresql://db.example.com/shop?user=bob&password=Bobs3cret",
                expect("db.example.com", 5432, "shop", "bob", "Bobs3cret")),
            ok("percent-encoded password",
                "postgres://alice:p%40ss%3Aw%2Fd@db.example.com:5432/shop",
                expect("db.example.com", 5432, "shop", "alice", "p@ss:w/d")),
            ok("literal plus in the password stays a plus",
                "postgres://alice:a+b+Cde@db.example.com/shop",
                expect("db.example.com", 5432, "shop", "alice", "a+b+Cde")),
            ok("literal plus in a query password stays a plus",
                "jdbc:postgresql://db.example.com/shop?user=alice&password=x+y%2Bzz",
                expect("db.example.com", 5432, "shop", "alice", "x+y+zz")),
            ok("encoded ampersand and equals in a query password",
                "jdbc:postgresql://db.example.com/shop?user=alice&password=a%26b%3Dccc",
                expect("db.example.com", 5432, "shop", "alice", "a&b=ccc")),
            ok("unencoded colon inside the password",
                "postgres://alice:pa:ss:Word@db.example.com/shop",
                expect("db.example.com", 5432, "shop", "alice", "pa:ss:Word")),
            ok("IPv6 loopback without port",
                "postgres://alice:Wonder1and@[::1]/shop",
                expect("::1", 5432, "shop", "alice", "Wonder1and")),
            ok("IPv6 with port",
                "postgresql://alice:Wonder1and@[2001:db8::5]:6543/shop",
                expect("2001:db8::5", 6543, "shop", "alice", "Wonder1and")),
            ok("jdbc IPv6 with port",
                "jdbc:postgresql://[2001:db8::5]:6543/shop?user=alice&password=Wonder1and",
                expect("2001:db8::5", 6543, "shop", "alice", "Wonder1and")),
            ok("query parameters kept under their own names (sslmode lower-cased), user and password taken out",
                "postgresql://alice:Wonder1and@db.example.com/shop?SSLMode=verify-full&ApplicationName=App%20X"
                    + "&connectTimeout=10",
                expect("db.example.com", 5432, "shop", "alice", "Wonder1and",
                    "sslmode", "verify-full", "ApplicationName", "App X", "connectTimeout", "10")),
            ok("upper-case User and Password query names are credentials",
                "jdbc:postgresql://db.example.com/shop?User=carol&PASSWORD=Car0lPw&sslmode=disable",
                expect("db.example.com", 5432, "shop", "carol", "Car0lPw", "sslmode", "disable")),
            ok("user in userinfo, password in the query",
                "postgres://alice@db.example.com/shop?password=Qu3ryPw&sslmode=require",
                expect("db.example.com", 5432, "shop", "alice", "Qu3ryPw", "sslmode", "require")),
            ok("userinfo wins over query credentials",
                "postgres://alice:Inf0Pw@db.example.com/shop?user=bob&password=Qu3ryPw",
                expect("db.example.com", 5432, "shop", "alice", "Inf0Pw")),
            ok("user without password",
                "postgres://alice@db.example.com/shop",
                expect("db.example.com", 5432, "shop", "alice", null)),
            ok("no credentials at all",
                "postgres://db.example.com:5439/shop",
                expect("db.example.com", 5439, "shop", null, null)),
            ok("percent-encoded user and database",
                "postgres://al%20ice:Wonder1and@db.example.com/my%20shop%2Fdb",
                expect("db.example.com", 5432, "my shop/db", "al ice", "Wonder1and")),
            ok("surrounding whitespace is ignored",
                "  postgres://alice:Wonder1and@db.example.com/shop \n",
                expect("db.example.com", 5432, "shop", "alice", "Wonder1and")),
            ok("port 1 and 65535 are valid",
                "postgres://alice:Wonder1and@db.example.com:65535/shop",
                expect("db.example.com", 65535, "shop", "alice", "Wonder1and")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validUrls")
    void parsesValidUrls(String name, String url, Expected expected) {
        DatabaseUrl parsed = DatabaseUrl.parse(url);

        assertThat(parsed.host()).isEqualTo(expected.host());
        assertThat(parsed.port()).isEqualTo(expected.port());
        assertThat(parsed.database()).isEqualTo(expected.database());
        assertThat(parsed.user()).isEqualTo(Optional.ofNullable(expected.user()));
        assertThat(parsed.password()).isEqualTo(Optional.ofNullable(expected.password()));
        assertThat(parsed.parameters()).containsExactlyEntriesOf(expected.parameters());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validUrls")
    void toStringNeverShowsThePassword(String name, String url, Expected expected) {
        String shown = DatabaseUrl.parse(url).toString();

        assertThat(shown).contains(expected.host()).contains(expected.database());
        if (expected.password() != null) {
            assertThat(shown).doesNotContain(expected.password()).contains("********");
        }
    }

    @Test
    void parametersAreUnmodifiable() {
        DatabaseUrl parsed = DatabaseUrl.parse("postgres://u:Pw12345@h/db?sslmode=require");

        assertThatThrownBy(() -> parsed.parameters().put("password", "x"))
            .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void toStringBracketsAnIpv6Host() {
        assertThat(DatabaseUrl.parse("postgres://alice:Wonder1and@[2001:db8::5]:6543/shop").toString())
            .isEqualTo("postgres://alice:********@[2001:db8::5]:6543/shop");
    }

    static Stream<Arguments> invalidUrls() {
        return Stream.of(
            Arguments.of("empty", "", "SecretPw1"),
            Arguments.of("blank", "   ", "SecretPw1"),
            Arguments.of("null", null, "SecretPw1"),
            Arguments.of("mysql scheme", "mysql://alice:SecretPw1@db.example.com:3306/shop", "SecretPw1"),
            Arguments.of("http scheme", "http://alice:SecretPw1@db.example.com/shop", "SecretPw1"),
            Arguments.of("jdbc mysql", "jdbc:mysql://db.example.com/shop?user=a&password=SecretPw1", "SecretPw1"),
            Arguments.of("no database", "postgres://alice:SecretPw1@db.example.com:5432", "SecretPw1"),
            Arguments.of("empty database", "postgres://alice:SecretPw1@db.example.com:5432/", "SecretPw1"),
            Arguments.of("jdbc without database", "jdbc:postgresql://db.example.com?user=a&password=SecretPw1",
                "SecretPw1"),
            Arguments.of("port 0", "postgres://alice:SecretPw1@db.example.com:0/shop", "SecretPw1"),
            Arguments.of("port 70000", "postgres://alice:SecretPw1@db.example.com:70000/shop", "SecretPw1"),
            Arguments.of("port 65536", "postgres://alice:SecretPw1@db.example.com:65536/shop", "SecretPw1"),
            Arguments.of("non-numeric port", "postgres://alice:SecretPw1@db.example.com:abc/shop", "SecretPw1"),
            Arguments.of("no host", "postgres://alice:SecretPw1@/shop", "SecretPw1"),
            Arguments.of("unencoded @ in password", "postgres://alice:Secret@Pw1@db.example.com/shop", "Secret@Pw1"),
            Arguments.of("malformed escape in password", "postgres://alice:Secr%zzPw1@db.example.com/shop",
                "Secr%zzPw1"),
            Arguments.of("truncated escape in password", "postgres://alice:SecretPw1%4@db.example.com/shop",
                "SecretPw1"),
            Arguments.of("malformed escape in query password",
                "jdbc:postgresql://db.example.com/shop?user=a&password=SecretPw1%G1", "SecretPw1"),
            Arguments.of("malformed escape in database", "postgres://alice:SecretPw1@db.example.com/sh%zop",
                "SecretPw1"),
            Arguments.of("unclosed IPv6 bracket", "postgres://alice:SecretPw1@[2001:db8::5/shop", "SecretPw1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidUrls")
    void rejectsGarbageWithoutLeakingTheSecret(String name, String url, String password) {
        IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class,
            () -> DatabaseUrl.parse(url));

        assertThat(e).as("parse(%s) must throw IllegalArgumentException", name).isNotNull();
        assertThat(e.getMessage()).isNotBlank();
        // Neither the message nor any cause (which ends up in stack traces and logs) may repeat the secret.
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(password);
            if (url != null && !url.isBlank()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(url.trim());
            }
        }
    }

    @Test
    void malformedEscapeDoesNotEchoAnyPartOfThePassword() {
        // URLDecoder's own message quotes the bad escape; it must not reach the message or the causes.
        IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class,
            () -> DatabaseUrl.parse("postgres://alice:abc%QZdef@db.example.com/shop"));

        assertThat(e).isNotNull();
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain("QZ").doesNotContain("abc");
        }
    }

    @Test
    void portOutOfRangeIsExplained() {
        assertThatThrownBy(() -> DatabaseUrl.parse("postgres://alice:SecretPw1@db.example.com:70000/shop"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("70000")
            .hasMessageContaining("65535");
    }
}
