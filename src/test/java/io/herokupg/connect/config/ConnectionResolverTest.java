/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.kafka.common.config.AbstractConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.herokupg.connect.testing.TestKeys;

/** Every rule of database.* resolution: the key each error is put on, and that no error repeats a secret. */
class ConnectionResolverTest {
    private static final String PASSWORD = "Db-Pass-90210";
    private static final String OTHER_PASSWORD = "Other-Pass-31337";
    private static final String KEY_PASSWORD = "Key-Pass-4417";
    private static final String HOST = "db.example.com";
    private static final String URL = "postgres://alice:" + PASSWORD + "@" + HOST + ":5433/shop";

    private static final PrivateKey KEY = TestKeys.rsa().getPrivate();
    private static final String CA_PEM = TestKeys.certificatePem();
    private static final String CERT_PEM = TestKeys.otherCertificatePem();
    private static final String KEY_PEM = TestKeys.pkcs8Pem(KEY);
    private static final String RSA_KEY_PEM = TestKeys.pkcs1Pem(KEY);
    private static final String ENCRYPTED_KEY_PEM = TestKeys.encryptedPem(KEY, KEY_PASSWORD);
    private static final List<String> KEY_PEMS = List.of(KEY_PEM, RSA_KEY_PEM, ENCRYPTED_KEY_PEM);
    private static final String CA_PATH = TestKeys.write("ca.pem", CA_PEM).toString();
    private static final String CERT_PATH = TestKeys.write("client.pem", CERT_PEM).toString();
    private static final String KEY_PATH = TestKeys.write("client.key", KEY_PEM).toString();
    private static final String RSA_KEY_PATH = TestKeys.write("client-rsa.key", RSA_KEY_PEM).toString();
    private static final String ENCRYPTED_KEY_PATH = TestKeys.write("client-enc.key", ENCRYPTED_KEY_PEM).toString();
    private static final String GARBAGE_PATH = TestKeys.write("garbage.pem", "not PEM at all\n").toString();
    private static final String MISSING = TestKeys.missing("nothing.pem").toString();
    private static final String BAD_CERT_PEM = TestKeys.pem("CERTIFICATE", new byte[] {1, 2, 3, 4});
    private static final String BAD_KEY_PEM = TestKeys.pem("PRIVATE KEY", new byte[] {0x30, 0x03, 2, 1, 0});

    private static Map<String, String> config(String... keyValues) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private static Map<String, String> discrete(String... more) {
        Map<String, String> map = config(ConnectionFragment.HOSTNAME, HOST, ConnectionFragment.PORT, "5433",
            ConnectionFragment.USER, "alice", ConnectionFragment.PASSWORD, PASSWORD, ConnectionFragment.DBNAME, "shop");
        map.putAll(config(more));
        return map;
    }

    private static Map<String, String> url(String... more) {
        Map<String, String> map = config(ConnectionFragment.URL, URL);
        map.putAll(config(more));
        return map;
    }

    private static Map<String, String> without(Map<String, String> map, String key) {
        map.remove(key);
        return map;
    }

    private static ConnectionSettings resolve(Map<String, String> props) {
        return new ConnectionResolver(new AbstractConfig(SourceConfig.configDef(), props, false)).resolve("test");
    }

    static Stream<Arguments> missing() {
        return Stream.of(
            Arguments.of("nothing configured", config(), ConnectionFragment.URL),
            Arguments.of("only a password", config(ConnectionFragment.PASSWORD, PASSWORD), ConnectionFragment.URL),
            Arguments.of("only port and sslmode", config(ConnectionFragment.PORT, "5433", ConnectionFragment.SSLMODE,
                "verify-full"), ConnectionFragment.URL),
            Arguments.of("a blank URL", config(ConnectionFragment.URL, "  "), ConnectionFragment.URL),
            Arguments.of("no hostname", without(discrete(), ConnectionFragment.HOSTNAME), ConnectionFragment.HOSTNAME),
            Arguments.of("no user", without(discrete(), ConnectionFragment.USER), ConnectionFragment.USER),
            Arguments.of("no dbname", without(discrete(), ConnectionFragment.DBNAME), ConnectionFragment.DBNAME),
            Arguments.of("a blank hostname", discrete(ConnectionFragment.HOSTNAME, " "), ConnectionFragment.HOSTNAME),
            Arguments.of("a blank dbname", discrete(ConnectionFragment.DBNAME, " "), ConnectionFragment.DBNAME),
            Arguments.of("a URL without user", config(ConnectionFragment.URL, "postgres://:" + PASSWORD + "@h/db"),
                ConnectionFragment.URL),
            Arguments.of("a malformed URL", config(ConnectionFragment.URL, "mysql://alice:" + PASSWORD + "@h/db"),
                ConnectionFragment.URL),
            Arguments.of("a URL with a bad sslmode", config(ConnectionFragment.URL, URL + "?sslmode=bogus"),
                ConnectionFragment.URL));
    }

    static Stream<Arguments> disagreeing() {
        return Stream.of(
            Arguments.of("hostname", url(ConnectionFragment.HOSTNAME, "other.example.com"),
                ConnectionFragment.HOSTNAME),
            Arguments.of("port", url(ConnectionFragment.PORT, "5432"), ConnectionFragment.PORT),
            Arguments.of("user", url(ConnectionFragment.USER, "bob"), ConnectionFragment.USER),
            Arguments.of("password", url(ConnectionFragment.PASSWORD, OTHER_PASSWORD), ConnectionFragment.PASSWORD),
            Arguments.of("dbname", url(ConnectionFragment.DBNAME, "other"), ConnectionFragment.DBNAME),
            Arguments.of("port against the URL's default", config(ConnectionFragment.URL,
                "postgres://alice:" + PASSWORD + "@" + HOST + "/shop", ConnectionFragment.PORT, "5433"),
                ConnectionFragment.PORT),
            Arguments.of("dbname among agreeing keys", discrete(ConnectionFragment.URL, URL,
                ConnectionFragment.DBNAME, "shop2"), ConnectionFragment.DBNAME),
            Arguments.of("password of a JDBC URL", discrete(ConnectionFragment.URL, "jdbc:postgresql://" + HOST
                + ":5433/shop?user=alice&password=" + OTHER_PASSWORD), ConnectionFragment.PASSWORD));
    }

    static Stream<Arguments> tls() {
        return Stream.of(
            Arguments.of("verify-ca without root cert", discrete(ConnectionFragment.SSLMODE, "verify-ca"),
                ConnectionFragment.SSLROOTCERT),
            Arguments.of("verify-full without root cert", url(ConnectionFragment.SSLMODE, "verify-full"),
                ConnectionFragment.SSLROOTCERT),
            Arguments.of("the URL's verify-full without root cert", config(ConnectionFragment.URL,
                URL + "?sslmode=verify-full"), ConnectionFragment.SSLROOTCERT),
            Arguments.of("cert without key", url(ConnectionFragment.SSLCERT, CERT_PATH), ConnectionFragment.SSLKEY),
            Arguments.of("key path without cert", url(ConnectionFragment.SSLKEY, KEY_PATH), ConnectionFragment.SSLCERT),
            Arguments.of("key PEM without cert", url(ConnectionFragment.SSLKEY, KEY_PEM), ConnectionFragment.SSLCERT),
            Arguments.of("missing root cert file", url(ConnectionFragment.SSLROOTCERT, MISSING),
                ConnectionFragment.SSLROOTCERT),
            Arguments.of("the URL's missing root cert file", config(ConnectionFragment.URL, URL + "?sslrootcert="
                + MISSING), ConnectionFragment.SSLROOTCERT),
            Arguments.of("missing cert file", mtls(MISSING, KEY_PEM), ConnectionFragment.SSLCERT),
            Arguments.of("missing key file", mtls(CERT_PEM, MISSING), ConnectionFragment.SSLKEY),
            Arguments.of("root cert: bad PEM", url(ConnectionFragment.SSLROOTCERT, BAD_CERT_PEM),
                ConnectionFragment.SSLROOTCERT),
            Arguments.of("root cert: file of garbage", url(ConnectionFragment.SSLROOTCERT, GARBAGE_PATH),
                ConnectionFragment.SSLROOTCERT),
            Arguments.of("root cert: a key", url(ConnectionFragment.SSLROOTCERT, KEY_PEM),
                ConnectionFragment.SSLROOTCERT),
            Arguments.of("cert: bad PEM", mtls(BAD_CERT_PEM, KEY_PEM), ConnectionFragment.SSLCERT),
            Arguments.of("cert: file of garbage", mtls(GARBAGE_PATH, KEY_PEM), ConnectionFragment.SSLCERT),
            Arguments.of("cert: a key", mtls(RSA_KEY_PEM, KEY_PEM), ConnectionFragment.SSLCERT),
            Arguments.of("key: bad PEM", mtls(CERT_PEM, BAD_KEY_PEM), ConnectionFragment.SSLKEY),
            Arguments.of("key: file of garbage", mtls(CERT_PATH, GARBAGE_PATH), ConnectionFragment.SSLKEY),
            Arguments.of("key: a certificate", mtls(CERT_PEM, CERT_PEM), ConnectionFragment.SSLKEY),
            Arguments.of("key: escaped newlines", mtls(CERT_PEM, KEY_PEM.replace("\n", "\\n")),
                ConnectionFragment.SSLKEY),
            Arguments.of("encrypted key PEM, no password", mtls(CERT_PEM, ENCRYPTED_KEY_PEM),
                ConnectionFragment.SSLKEY),
            Arguments.of("encrypted key file, no password", mtls(CERT_PATH, ENCRYPTED_KEY_PATH),
                ConnectionFragment.SSLKEY),
            Arguments.of("encrypted key PEM, wrong password", with(mtls(CERT_PEM, ENCRYPTED_KEY_PEM),
                ConnectionFragment.SSLPASSWORD, OTHER_PASSWORD), ConnectionFragment.SSLKEY),
            Arguments.of("encrypted key file, wrong password", with(mtls(CERT_PATH, ENCRYPTED_KEY_PATH),
                ConnectionFragment.SSLPASSWORD, OTHER_PASSWORD), ConnectionFragment.SSLKEY));
    }

    static Stream<Arguments> plaintextToHeroku() {
        return Stream.of("disable", "allow", "prefer").flatMap(mode -> Stream.of(
            Arguments.of(mode + " to AWS", discrete(ConnectionFragment.HOSTNAME,
                "ec2-3-1-2-4.compute-1.amazonaws.com", ConnectionFragment.SSLMODE, mode), ConnectionFragment.SSLMODE),
            Arguments.of(mode + " to heroku.com", discrete(ConnectionFragment.HOSTNAME, "db.heroku.com",
                ConnectionFragment.SSLMODE, mode), ConnectionFragment.SSLMODE),
            Arguments.of(mode + " to herokuapp.com", config(ConnectionFragment.URL,
                "postgres://u:" + PASSWORD + "@pg.herokuapp.com/d", ConnectionFragment.SSLMODE, mode),
                ConnectionFragment.SSLMODE),
            Arguments.of(mode + " in the URL, to HEROKUDNS.COM", config(ConnectionFragment.URL,
                "postgres://u:" + PASSWORD + "@X1.Pg.HEROKUDNS.COM:5432/d?sslmode=" + mode),
                ConnectionFragment.SSLMODE)));
    }

    private static Map<String, String> mtls(String cert, String key) {
        return url(ConnectionFragment.SSLCERT, cert, ConnectionFragment.SSLKEY, key);
    }

    private static Map<String, String> with(Map<String, String> map, String key, String value) {
        map.put(key, value);
        return map;
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource({"missing", "disagreeing", "tls", "plaintextToHeroku"})
    void errorIsOnTheKeyToFixAndHoldsNoSecret(String what, Map<String, String> props, String key) {
        KeyedConfigException e = catchThrowableOfType(KeyedConfigException.class, () -> resolve(props));

        assertThat(e).as(what).isNotNull();
        assertThat(e.key()).as(e.getMessage()).isEqualTo(key);
        assertThat(e.getMessage()).startsWith("Invalid configuration " + key + ": ").endsWith(e.problem());
        assertNoSecret(e, props);
    }

    /**
     * No password (the URL's or another), no URL, no key material (of the test key, in any form and whether given as
     * a path or as text, or of the PEM text configured), in the message or any cause.
     */
    private static void assertNoSecret(Throwable e, Map<String, String> props) {
        List<String> keys = new ArrayList<>(KEY_PEMS);
        String sslKey = props.getOrDefault(ConnectionFragment.SSLKEY, "");
        if (SslSettings.isPem(sslKey)) {
            keys.add(sslKey);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            assertThat(message).doesNotContain(PASSWORD, OTHER_PASSWORD, KEY_PASSWORD);
            if (!props.getOrDefault(ConnectionFragment.URL, "").isBlank()) {
                assertThat(message).doesNotContain(props.get(ConnectionFragment.URL).trim());
            }
            for (String pem : keys) {
                assertThat(TestKeys.containsKeyMaterial(message, pem)).as(message).isFalse();
            }
        }
    }

    @Test
    void discreteKeysAlone() {
        ConnectionSettings settings = resolve(discrete());

        assertThat(settings.host()).isEqualTo(HOST);
        assertThat(settings.port()).isEqualTo(5433);
        assertThat(settings.user()).isEqualTo("alice");
        assertThat(settings.password().value()).isEqualTo(PASSWORD);
        assertThat(settings.database()).isEqualTo("shop");
        assertThat(settings.fromUrl()).isFalse();
        assertThat(settings.sslMode()).isEqualTo(SslMode.REQUIRE);
    }

    static Stream<Arguments> agreeing() {
        return Stream.of(
            Arguments.of("the URL alone", url()),
            Arguments.of("all five discrete keys", discrete(ConnectionFragment.URL, URL)),
            Arguments.of("some discrete keys", url(ConnectionFragment.HOSTNAME, HOST, ConnectionFragment.USER,
                "alice")),
            Arguments.of("an explicit port", url(ConnectionFragment.PORT, "5433")),
            Arguments.of("the same password", url(ConnectionFragment.PASSWORD, PASSWORD)),
            Arguments.of("a JDBC URL", discrete(ConnectionFragment.URL, "jdbc:postgresql://" + HOST
                + ":5433/shop?user=alice&password=" + PASSWORD)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("agreeing")
    void urlWithAgreeingDiscreteKeysIsAccepted(String what, Map<String, String> props) {
        ConnectionSettings settings = resolve(props);

        assertThat(settings.fromUrl()).isTrue();
        assertThat(List.of(settings.host(), settings.port(), settings.user(), settings.database()))
            .containsExactly(HOST, 5433, "alice", "shop");
        assertThat(settings.password().value()).isEqualTo(PASSWORD);
    }

    @Test
    void databasePasswordBesideAUrlWithoutPasswordIsUsedOrRejected() {
        Map<String, String> props = config(ConnectionFragment.URL, "postgres://alice@" + HOST + ":5433/shop",
            ConnectionFragment.PASSWORD, PASSWORD);

        ConnectionSettings settings;
        try {
            settings = resolve(props);
        } catch (KeyedConfigException e) {
            assertThat(e.key()).isEqualTo(ConnectionFragment.PASSWORD);
            return;
        }
        assertThat(settings.password().value()).isEqualTo(PASSWORD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"disable", "allow", "prefer"})
    void plaintextIsAllowedToHostsThatOnlyLookLikeHeroku(String mode) {
        for (String host : List.of("localhost", "10.0.0.7", "heroku.com.example.org", "amazonaws.com",
            "db.notheroku.company")) {
            assertThat(resolve(discrete(ConnectionFragment.HOSTNAME, host, ConnectionFragment.SSLMODE, mode))
                .sslMode()).isEqualTo(SslMode.parse(mode));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"require", "verify-ca", "verify-full"})
    void tlsModesAreAllowedToHerokuHosts(String mode) {
        ConnectionSettings settings = resolve(discrete(ConnectionFragment.HOSTNAME,
            "ec2-3-1-2-4.compute-1.amazonaws.com", ConnectionFragment.SSLMODE, mode,
            ConnectionFragment.SSLROOTCERT, CA_PATH));

        assertThat(settings.sslMode()).isEqualTo(SslMode.parse(mode));
    }

    static Stream<Arguments> tlsInputs() {
        return Stream.of(
            Arguments.of(CA_PATH, null, null, null),
            Arguments.of(CA_PEM, null, null, null),
            Arguments.of(CA_PEM.replace("\n", "\r\n"), null, null, null),
            Arguments.of(CA_PEM + CERT_PEM, CERT_PEM, KEY_PEM, null),
            Arguments.of(CA_PATH, CERT_PATH, KEY_PATH, null),
            Arguments.of(null, CERT_PEM, KEY_PATH, null),
            Arguments.of(null, CERT_PATH, KEY_PEM, null),
            Arguments.of(null, CERT_PEM, RSA_KEY_PEM, null),
            Arguments.of(null, CERT_PATH, RSA_KEY_PATH, null),
            Arguments.of(null, CERT_PEM, ENCRYPTED_KEY_PEM, KEY_PASSWORD),
            Arguments.of(CA_PATH, CERT_PATH, ENCRYPTED_KEY_PATH, KEY_PASSWORD),
            Arguments.of(null, CERT_PEM, KEY_PEM, KEY_PASSWORD));
    }

    @ParameterizedTest
    @MethodSource("tlsInputs")
    void certificatesAndKeysAreAcceptedAsPathsOrPemText(String rootCert, String cert, String key, String password) {
        Map<String, String> props = url(ConnectionFragment.SSLMODE, rootCert == null ? "require" : "verify-full");
        Map<String, String> tls = new HashMap<>();
        tls.put(ConnectionFragment.SSLROOTCERT, rootCert);
        tls.put(ConnectionFragment.SSLCERT, cert);
        tls.put(ConnectionFragment.SSLKEY, key);
        tls.put(ConnectionFragment.SSLPASSWORD, password);
        tls.values().removeIf(v -> v == null);
        props.putAll(tls);

        SslSettings ssl = resolve(props).ssl();

        assertThat(ssl.mode()).isEqualTo(rootCert == null ? SslMode.REQUIRE : SslMode.VERIFY_FULL);
        assertThat(ssl.rootCert()).isEqualTo(Optional.ofNullable(rootCert).map(String::trim));
        assertThat(ssl.clientCert()).isEqualTo(Optional.ofNullable(cert).map(String::trim));
        assertThat(ssl.clientKey()).isEqualTo(Optional.ofNullable(key).map(String::trim));
        assertThat(ssl.keyPassword()).isEqualTo(Optional.ofNullable(password));
        assertThat(ssl.toString()).doesNotContain(KEY_PASSWORD);
        KEY_PEMS.forEach(pem -> assertThat(TestKeys.containsKeyMaterial(ssl.toString(), pem)).isFalse());
    }

    @Test
    void theUrlsRootCertIsUsedUnlessConfigured() {
        assertThat(resolve(config(ConnectionFragment.URL, URL + "?sslmode=verify-ca&sslrootcert=" + CA_PATH))
            .sslRootCert()).contains(CA_PATH);
        assertThat(resolve(config(ConnectionFragment.URL, URL + "?sslrootcert=" + MISSING,
            ConnectionFragment.SSLROOTCERT, CA_PEM)).sslRootCert()).contains(CA_PEM.trim());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bag Attributes\n    localKeyID: 01 00 00 00\nKey Attributes: <No Attributes>\n", ""})
    void keyTextThatIsNotTakenForPemIsNotRepeated(String prefix) {
        String key = prefix.isEmpty() ? KEY_PEM.replaceAll("-----[A-Z ]+-----", "").trim() : prefix + KEY_PEM;

        KeyedConfigException e = catchThrowableOfType(KeyedConfigException.class,
            () -> resolve(mtls(CERT_PEM, key)));

        if (e != null) {
            assertThat(e.key()).isEqualTo(ConnectionFragment.SSLKEY);
            assertNoSecret(e, mtls(CERT_PEM, key));
        }
    }

    private static Optional<ConnectionSettings> primary(Map<String, String> props) {
        ConnectionResolver resolver =
            new ConnectionResolver(new AbstractConfig(SourceConfig.configDef(), props, false));
        return resolver.resolvePrimary(resolver.resolve("test"));
    }

    @Test
    void aFollowersPrimaryWithoutCredentialsTakesTheFollowers() {
        ConnectionSettings leader = primary(url(ConnectionFragment.PRIMARY_URL, "postgres://leader.example.com/shop"))
            .orElseThrow();
        assertThat(leader.host()).isEqualTo("leader.example.com");
        assertThat(leader.port()).isEqualTo(5432);
        assertThat(leader.user()).isEqualTo("alice");
        assertThat(leader.password().value()).isEqualTo(PASSWORD);
        assertThat(leader.sslMode()).isEqualTo(SslMode.REQUIRE);
        assertThat(leader.applicationName()).isEqualTo("test");
        ConnectionSettings own = primary(url(ConnectionFragment.PRIMARY_URL, "postgres://bob:" + OTHER_PASSWORD
            + "@leader.example.com:5444/shop?sslmode=verify-full", ConnectionFragment.SSLROOTCERT, CA_PEM))
            .orElseThrow();
        assertThat(own.user()).isEqualTo("bob");
        assertThat(own.password().value()).isEqualTo(OTHER_PASSWORD);
        assertThat(own.sslMode()).isEqualTo(SslMode.VERIFY_FULL);
        assertThat(own.sslRootCert()).isPresent();
        assertThat(primary(url())).isEmpty();
    }

    @Test
    void aFollowersPrimaryMustBeTheSameDatabase() {
        KeyedConfigException e = catchThrowableOfType(KeyedConfigException.class, () -> primary(url(
            ConnectionFragment.PRIMARY_URL, "postgres://bob:" + OTHER_PASSWORD + "@leader.example.com/other")));
        assertThat(e.key()).isEqualTo(ConnectionFragment.PRIMARY_URL);
        assertThat(e.getMessage()).contains("other").contains("shop").doesNotContain(OTHER_PASSWORD)
            .doesNotContain(PASSWORD);
        KeyedConfigException malformed = catchThrowableOfType(KeyedConfigException.class, () -> primary(url(
            ConnectionFragment.PRIMARY_URL, "mysql://bob:" + OTHER_PASSWORD + "@leader/shop")));
        assertThat(malformed.key()).isEqualTo(ConnectionFragment.PRIMARY_URL);
        assertThat(malformed.getMessage()).doesNotContain(OTHER_PASSWORD);
    }
}
