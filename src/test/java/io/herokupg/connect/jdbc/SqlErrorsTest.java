/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import javax.net.ssl.SSLHandshakeException;

import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

import com.zaxxer.hikari.pool.HikariPool.PoolInitializationException;

import io.herokupg.connect.config.ConnectionSettings;
import io.herokupg.connect.config.SslMode;
import io.herokupg.connect.config.SslSettings;

class SqlErrorsTest {
    private static final String PASSWORD = "pZ9-Very-Secret";

    private static final ConnectionSettings SETTINGS = settings(false);

    private static ConnectionSettings settings(boolean fromUrl) {
        return new ConnectionSettings("ec2-3-1-2-4.compute-1.amazonaws.com", 5432, "d9vq1", "u8abc",
            new Password(PASSWORD), new SslSettings(SslMode.VERIFY_FULL, Optional.of("/etc/ssl/heroku.pem"),
                Optional.empty(), Optional.empty(), Optional.empty()),
            Map.of(), "kafka-connect-heroku-postgres (test)", fromUrl,
            new ConnectionSettings.Timeouts(Duration.ofSeconds(30), Duration.ZERO, true));
    }

    static Stream<Arguments> states() {
        return Stream.of(
            Arguments.of("08006", SqlErrors.Kind.RETRIABLE),
            Arguments.of("08001", SqlErrors.Kind.RETRIABLE),
            Arguments.of("08003", SqlErrors.Kind.RETRIABLE),
            Arguments.of("57P01", SqlErrors.Kind.RETRIABLE),
            Arguments.of("57P02", SqlErrors.Kind.RETRIABLE),
            Arguments.of("57P03", SqlErrors.Kind.RETRIABLE),
            Arguments.of("40001", SqlErrors.Kind.RETRIABLE),
            Arguments.of("40P01", SqlErrors.Kind.RETRIABLE),
            Arguments.of("53300", SqlErrors.Kind.RETRIABLE),
            Arguments.of("25006", SqlErrors.Kind.RETRIABLE),
            Arguments.of("42703", SqlErrors.Kind.RETRIABLE),
            Arguments.of("55P03", SqlErrors.Kind.RETRIABLE),
            Arguments.of("57014", SqlErrors.Kind.RETRIABLE),
            Arguments.of("25P03", SqlErrors.Kind.RETRIABLE),
            Arguments.of("57P05", SqlErrors.Kind.RETRIABLE),
            Arguments.of("28P01", SqlErrors.Kind.AUTHENTICATION),
            Arguments.of("28000", SqlErrors.Kind.AUTHENTICATION),
            Arguments.of("42501", SqlErrors.Kind.TABLE),
            Arguments.of("3D000", SqlErrors.Kind.FATAL),
            Arguments.of("22012", SqlErrors.Kind.FATAL),
            Arguments.of("42P01", SqlErrors.Kind.TABLE),
            Arguments.of("42601", SqlErrors.Kind.TABLE),
            Arguments.of("57P04", SqlErrors.Kind.FATAL),
            Arguments.of("", SqlErrors.Kind.FATAL),
            Arguments.of(null, SqlErrors.Kind.FATAL));
    }

    @Test
    void aConnectionThePoolClosedAsBrokenIsALostConnection() {
        assertThat(SqlErrors.classify(new SQLException("Connection is closed"))).isEqualTo(SqlErrors.Kind.RETRIABLE);
        assertThat(SqlErrors.classify(new SQLException("Connection is closed", "42501")))
            .isEqualTo(SqlErrors.Kind.TABLE);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("states")
    void classifiesBySqlState(String state, SqlErrors.Kind expected) {
        assertThat(SqlErrors.classify(new SQLException("failure", state))).isEqualTo(expected);
    }

    @Test
    void connectionLossIsRetriable() {
        SQLException lost = new PSQLException("An I/O error occurred while sending to the backend.",
            PSQLState.CONNECTION_FAILURE, new SocketException("Connection reset"));
        SQLException eof = new PSQLException("An I/O error occurred while sending to the backend.",
            PSQLState.CONNECTION_FAILURE, new EOFException());

        assertThat(SqlErrors.classify(lost)).isEqualTo(SqlErrors.Kind.RETRIABLE);
        assertThat(SqlErrors.classify(eof)).isEqualTo(SqlErrors.Kind.RETRIABLE);
    }

    @Test
    void tlsHandshakeFailureIsFatalDespiteItsConnectionState() {
        SSLHandshakeException handshake = new SSLHandshakeException("Received fatal alert: handshake_failure");
        SQLException direct = new PSQLException("SSL error: Received fatal alert: handshake_failure",
            PSQLState.CONNECTION_FAILURE, handshake);
        SQLException deep = new SQLException("connection failed", "08006",
            new IOException("wrapped", new RuntimeException("again", handshake)));

        assertThat(direct.getSQLState()).isEqualTo("08006");
        assertThat(SqlErrors.classify(direct)).isEqualTo(SqlErrors.Kind.FATAL);
        assertThat(SqlErrors.classify(deep)).isEqualTo(SqlErrors.Kind.FATAL);
    }

    @Test
    void certificateFailureIsFatal() {
        SQLException e = new SQLException("SSL error", "08006", new CertificateException("bad certificate"));

        assertThat(SqlErrors.classify(e)).isEqualTo(SqlErrors.Kind.FATAL);
    }

    private static Throwable untrustedCertificate() {
        SSLHandshakeException handshake = new SSLHandshakeException("PKIX path validation failed");
        handshake.initCause(new CertPathValidatorException("Path does not chain with any of the trust anchors"));
        return new PoolInitializationException(new PSQLException(
            "SSL error: PKIX path validation failed", PSQLState.CONNECTION_FAILURE, handshake));
    }

    @Test
    void untrustedCertificatePointsToSslRootCert() {
        String message = SqlErrors.describeConnectFailure(untrustedCertificate(), SETTINGS);

        assertThat(message).contains("SSL").contains("database.sslrootcert").contains(SETTINGS.describe());
    }

    @Test
    void otherTlsFailureMentionsSsl() {
        Throwable failure = new PSQLException("SSL error: Remote host terminated the handshake",
            PSQLState.CONNECTION_FAILURE, new SSLHandshakeException("Remote host terminated the handshake"));

        String message = SqlErrors.describeConnectFailure(failure, SETTINGS);

        assertThat(message).contains("SSL").contains("database.sslmode").doesNotContain("database.password");
    }

    private static Throwable badPassword() {
        return new PoolInitializationException(new PSQLException(
            "FATAL: password authentication failed for user \"u8abc\"", PSQLState.INVALID_PASSWORD));
    }

    @Test
    void wrongPasswordPointsToThePasswordSettings() {
        String message = SqlErrors.describeConnectFailure(badPassword(), SETTINGS);

        assertThat(message).contains("database.password").contains("u8abc").doesNotContain("database.sslrootcert");
        assertThat(SqlErrors.diagnoseConnectFailure(badPassword(), SETTINGS).key()).isEqualTo("database.password");
        assertThat(SqlErrors.diagnoseConnectFailure(badPassword(), settings(true)).key()).isEqualTo("database.url");
    }

    @Test
    void missingDatabaseIsNamed() {
        String message = SqlErrors.describeConnectFailure(
            new SQLException("FATAL: database \"d9vq1\" does not exist", "3D000"), SETTINGS);

        assertThat(message).contains("database.dbname").contains("d9vq1");
    }

    @Test
    void unknownHostAndRefusedConnectionNameTheHostSettings() {
        String unknown = SqlErrors.describeConnectFailure(new PSQLException("The connection attempt failed.",
            PSQLState.CONNECTION_UNABLE_TO_CONNECT, new UnknownHostException("nohost.example")), SETTINGS);
        String refused = SqlErrors.describeConnectFailure(new PSQLException("Connection refused",
            PSQLState.CONNECTION_UNABLE_TO_CONNECT, new ConnectException("Connection refused")), SETTINGS);

        assertThat(unknown).contains("unknown").contains("database.hostname");
        assertThat(refused).contains("Connection refused").contains("database.hostname");
    }

    @Test
    void noMessageEverContainsThePassword() {
        List<Throwable> failures = List.of(
            untrustedCertificate(),
            new SQLException("x", "08006", new SSLHandshakeException("handshake_failure")),
            new SQLException("x", "08001", new UnknownHostException("nohost.example")),
            new SQLException("x", "08001", new ConnectException("Connection refused")),
            badPassword(),
            new SQLException("FATAL: no pg_hba.conf entry for host", "28000"),
            new SQLException("FATAL: database does not exist", "3D000"),
            new SQLException("FATAL: sorry, too many clients already", "53300"),
            new RuntimeException(new IllegalStateException()),
            new SQLException((String) null, (String) null));
        for (Throwable failure : failures) {
            String message = SqlErrors.describeConnectFailure(failure, SETTINGS);

            assertThat(message).as("%s", failure).isNotBlank().doesNotContain(PASSWORD).doesNotContain("postgres://")
                .contains(SETTINGS.describe());
        }
    }

    @Test
    void rootMessageIsTheInnermost() {
        Throwable failure = new RuntimeException("outer", new SQLException("middle", "08006",
            new SocketException("Connection reset")));

        assertThat(SqlErrors.rootMessage(failure)).isEqualTo("Connection reset");
        assertThat(SqlErrors.rootMessage(new RuntimeException("outer", new EOFException())))
            .isEqualTo("EOFException");
    }

    @Test
    void causeCyclesDoNotHang() {
        Exception a = new Exception("a");
        Exception b = new Exception("b", a);
        a.initCause(b);
        SQLException e = new SQLException("failure", "08006", a);

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertThat(SqlErrors.classify(e)).isEqualTo(SqlErrors.Kind.RETRIABLE);
            assertThat(SqlErrors.describeConnectFailure(e, SETTINGS)).doesNotContain(PASSWORD);
            assertThat(SqlErrors.rootMessage(e)).isNotNull();
        });
    }
}
