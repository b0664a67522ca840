/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

import javax.security.auth.callback.PasswordCallback;

import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.Driver;
import org.postgresql.PGProperty;
import org.postgresql.ssl.LazyKeyManager;
import org.postgresql.ssl.LibPQFactory;

import io.herokupg.connect.config.ConnectionFragment;
import io.herokupg.connect.config.ConnectionSettings;
import io.herokupg.connect.config.SourceConfig;
import io.herokupg.connect.config.SslMode;
import io.herokupg.connect.config.SslSettings;
import io.herokupg.connect.testing.TestCertificates;
import io.herokupg.connect.testing.TestKeys;

class ConnectionFactoryTest {
    private static final String PASSWORD = "Factory-Pass-5150";
    private static final String KEY_PASSWORD = "Factory-Key-Pass-77";
    private static final PrivateKey KEY = TestKeys.rsa().getPrivate();
    private static final String CA_PEM = TestKeys.certificatePem();
    private static final String CERT_PEM = TestKeys.otherCertificatePem();

    private static ConnectionSettings settings(String host, SslSettings ssl, Map<String, String> extra,
                                               Duration statementTimeout) {
        return new ConnectionSettings(host, 5433, "shop", "alice", new Password(PASSWORD), ssl, extra,
            "kafka-connect-heroku-postgres (test)", false,
            new ConnectionSettings.Timeouts(Duration.ofSeconds(30), statementTimeout, true));
    }

    private static ConnectionSettings settings(SslSettings ssl) {
        return settings("db.example.com", ssl, Map.of(), Duration.ofMinutes(10));
    }

    private static SslSettings ssl(SslMode mode, String rootCert, String cert, String key, String keyPassword) {
        return new SslSettings(mode, Optional.ofNullable(rootCert), Optional.ofNullable(cert),
            Optional.ofNullable(key), Optional.ofNullable(keyPassword));
    }

    private static Path file(Properties props, String name) {
        assertThat(props.getProperty(name)).as(name).isNotNull();
        Path path = Path.of(props.getProperty(name));
        assertThat(path).as(name).isRegularFile().isReadable();
        return path;
    }

    @ParameterizedTest
    @EnumSource(SslMode.class)
    void sslModeIsAlwaysSetAndTheBareSslFlagNever(SslMode mode) {
        Map<String, String> fromUrl = Map.of("ssl", "true", "sslmode", "disable", "connecttimeout", "5");

        Properties props = ConnectionFactory.driverProperties(settings("h", ssl(mode, null, null, null, null), fromUrl,
            Duration.ZERO));

        assertThat(props.getProperty("sslmode")).isEqualTo(mode.value());
        assertThat(props).doesNotContainKey("ssl");
    }

    @Test
    void pemCertificatesBecomeReadableFilesHoldingThePem() throws Exception {
        Properties props = ConnectionFactory.driverProperties(settings(ssl(SslMode.VERIFY_FULL, CA_PEM, CERT_PEM,
            TestKeys.pkcs8Pem(KEY), null)));

        assertThat(Files.readString(file(props, "sslrootcert"))).isEqualTo(CA_PEM);
        assertThat(Files.readString(file(props, "sslcert"))).isEqualTo(CERT_PEM);
        assertThat(file(props, "sslrootcert")).isNotEqualTo(file(props, "sslcert"));
        // PgJDBC itself loads the root certificate file (it fails here if it cannot).
        assertThatCode(() -> new LibPQFactory(props)).doesNotThrowAnyException();
    }

    @Test
    void samePemTextGivesTheSameFile() {
        Properties first = ConnectionFactory.driverProperties(settings(ssl(SslMode.VERIFY_CA, CA_PEM, null, null,
            null)));
        Properties second = ConnectionFactory.driverProperties(settings(ssl(SslMode.VERIFY_CA, CA_PEM, null, null,
            null)));

        assertThat(first.getProperty("sslrootcert")).isEqualTo(second.getProperty("sslrootcert"));
    }

    static Stream<Arguments> unencryptedKeys() {
        return Stream.of(
            Arguments.of("PKCS#8 PEM text", TestKeys.pkcs8Pem(KEY)),
            Arguments.of("PKCS#1 PEM text", TestKeys.pkcs1Pem(KEY)),
            Arguments.of("path of a PKCS#8 PEM file", TestKeys.write("factory.key", TestKeys.pkcs8Pem(KEY))
                .toString()),
            Arguments.of("path of a PKCS#1 PEM file", " " + TestKeys.write("factory-rsa.key", TestKeys.pkcs1Pem(KEY))
                + "\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unencryptedKeys")
    void keyBecomesAPk8DerFileOnlyItsOwnerCanRead(String what, String key) throws Exception {
        Properties props = ConnectionFactory.driverProperties(settings(ssl(SslMode.REQUIRE, null, CERT_PEM, key,
            null)));

        Path pk8 = file(props, "sslkey");
        assertThat(pk8.getFileName().toString()).endsWith(".pk8");
        assertThat(Files.getPosixFilePermissions(pk8)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(pk8.getParent()))
            .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        byte[] der = Files.readAllBytes(pk8);
        assertThat(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der))).isEqualTo(KEY);
        assertThat(pgjdbcKey(props)).isEqualTo(KEY);
        assertThat(props).doesNotContainKey("sslpassword");
    }

    /**
     * An encrypted key is decrypted here and written as plain PKCS#8 (readable by this user only), so that its
     * password never reaches the driver or the pool, whose DEBUG configuration dump lists driver properties.
     */
    @Test
    void encryptedKeyIsWrittenDecryptedAndItsPasswordIsNotPassedOn() throws Exception {
        List<byte[]> keys = List.of(TestKeys.encryptedDer(KEY, KEY_PASSWORD), TestKeys.pbes2Der(KEY, KEY_PASSWORD));
        for (byte[] encrypted : keys) {
            String pem = TestKeys.pem("ENCRYPTED PRIVATE KEY", encrypted);

            Properties props = ConnectionFactory.driverProperties(settings(ssl(SslMode.REQUIRE, null, CERT_PEM, pem,
                KEY_PASSWORD)));

            Path pk8 = file(props, "sslkey");
            assertThat(Files.readAllBytes(pk8)).isEqualTo(KEY.getEncoded());
            assertThat(Files.getPosixFilePermissions(pk8)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(props).doesNotContainKey("sslpassword");
            assertThat(props.toString()).doesNotContain(KEY_PASSWORD);
            assertThat(pgjdbcKey(props)).isEqualTo(KEY);
        }
    }

    /** The client key as PgJDBC's LibPQFactory would load it from the properties, sslpassword answering its prompt. */
    private static PrivateKey pgjdbcKey(Properties props) throws Exception {
        LazyKeyManager manager = new LazyKeyManager(props.getProperty("sslcert"), props.getProperty("sslkey"),
            callbacks -> ((PasswordCallback) callbacks[0]).setPassword(props.getProperty("sslpassword", "")
                .toCharArray()), false);
        PrivateKey key = manager.getPrivateKey("user");
        manager.throwKeyManagerException();
        return key;
    }

    @Test
    void certificatePathsArePassedThroughTrimmed() {
        String ca = TestCertificates.get().caCertificate().toString();

        Properties props = ConnectionFactory.driverProperties(settings(ssl(SslMode.VERIFY_FULL, " " + ca + "\n",
            "/etc/ssl/client.crt", TestKeys.pkcs8Pem(KEY), null)));

        assertThat(props.getProperty("sslrootcert")).isEqualTo(ca);
        assertThat(props.getProperty("sslcert")).isEqualTo("/etc/ssl/client.crt");
    }

    @Test
    void statementTimeoutTravelsInOptions() {
        for (Duration timeout : new Duration[] {Duration.ZERO, Duration.ofMillis(1_500), Duration.ofMinutes(10)}) {
            Properties props = ConnectionFactory.driverProperties(settings("h", ssl(SslMode.REQUIRE, null, null, null,
                null), Map.of(), timeout));

            assertThat(props.getProperty("options")).isEqualTo("-c statement_timeout=" + timeout.toMillis()
                + " -c IntervalStyle=postgres -c bytea_output=hex");
            assertThat(PGProperty.OPTIONS.getOrDefault(props)).contains("statement_timeout=" + timeout.toMillis());
        }
    }

    @Test
    void credentialsNeverTravelAsProperties() {
        ConnectionSettings fromUrl = new SourceConfig(Map.of(ConnectionFragment.URL,
            "jdbc:postgresql://db.example.com/shop?user=alice&password=" + PASSWORD + "&ssl=true&tcpKeepAlive=true"))
            .connection();
        ConnectionSettings withSmuggled = settings("h", ssl(SslMode.REQUIRE, null, null, null, null),
            Map.of("user", "mallory", "password", PASSWORD), Duration.ZERO);

        for (ConnectionSettings settings : new ConnectionSettings[] {fromUrl, withSmuggled, settings(ssl(
            SslMode.VERIFY_FULL, CA_PEM, CERT_PEM, TestKeys.encryptedPem(KEY, KEY_PASSWORD), KEY_PASSWORD))}) {
            Properties props = ConnectionFactory.driverProperties(settings);

            assertThat(props).doesNotContainKeys("user", "password", "ssl");
            assertThat(props.values()).noneMatch(value -> value.toString().contains(PASSWORD));
            assertThat(props.getProperty("ApplicationName")).isEqualTo(settings.applicationName());
        }
    }

    @Test
    void jdbcUrlHasNoCredentialsAndBracketsIpv6Hosts() {
        String url = ConnectionFactory.jdbcUrl(settings(ssl(SslMode.REQUIRE, null, null, null, null)));
        String ipv6 = ConnectionFactory.jdbcUrl(settings("2001:db8::5", ssl(SslMode.REQUIRE, null, null, null, null),
            Map.of(), Duration.ZERO));

        assertThat(url).isEqualTo("jdbc:postgresql://db.example.com:5433/shop");
        assertThat(ipv6).isEqualTo("jdbc:postgresql://[2001:db8::5]:5433/shop");
        for (String jdbcUrl : new String[] {url, ipv6}) {
            assertThat(jdbcUrl).doesNotContain("alice").doesNotContain(PASSWORD).doesNotContain("ssl");
            Properties parsed = Driver.parseURL(jdbcUrl, new Properties());
            assertThat(parsed).isNotNull();
            assertThat(parsed.getProperty("PGDBNAME")).isEqualTo("shop");
            assertThat(parsed.getProperty("PGPORT")).isEqualTo("5433");
        }
        assertThat(Driver.parseURL(ipv6, new Properties()).getProperty("PGHOST")).isEqualTo("[2001:db8::5]");
    }

    @Test
    void jdbcUrlEncodesTheDatabaseName() {
        ConnectionSettings odd = new ConnectionSettings("h", 5432, "my db/x?y", "alice", new Password(null),
            ssl(SslMode.REQUIRE, null, null, null, null), Map.of(), "app", false,
            new ConnectionSettings.Timeouts(Duration.ofSeconds(30), Duration.ZERO, true));

        String url = ConnectionFactory.jdbcUrl(odd);

        assertThat(Driver.parseURL(url, new Properties()).getProperty("PGDBNAME")).isEqualTo("my db/x?y");
    }

    @Test
    void urlParametersReachTheDriverUnderTheirOwnNames() throws Exception {
        ConnectionSettings settings = new SourceConfig(Map.of(ConnectionFragment.URL,
            "jdbc:postgresql://db.example.com/shop?user=alice&password=" + PASSWORD + "&prepareThreshold=0"))
            .connection();

        Properties props = ConnectionFactory.driverProperties(settings);

        assertThat(PGProperty.PREPARE_THRESHOLD.getInt(props)).isZero();
    }

    @Test
    void optionsFromTheUrlAreKeptBesideTheStatementTimeout() {
        ConnectionSettings settings = new SourceConfig(Map.of(ConnectionFragment.URL,
            "postgres://alice:" + PASSWORD + "@db.example.com/shop?options=-c%20search_path%3Dapp")).connection();

        String options = ConnectionFactory.driverProperties(settings).getProperty("options");

        assertThat(options).contains("statement_timeout=").contains("search_path=app");
    }
}
