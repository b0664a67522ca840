/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.herokupg.connect.testing.TestCertificates;

class SourceConfigTest {
    private static final String PASSWORD = "Hunter2-Secret";
    private static final String URL = "postgres://alice:" + PASSWORD + "@db.example.com:5433/shop";
    private static final String ROOT_CERT = TestCertificates.get().caCertificate().toString();
    private static final String OTHER_ROOT_CERT = TestCertificates.get().wrongCaCertificate().toString();

    private static Map<String, String> props(String... keyValues) {
        Map<String, String> map = new HashMap<>();
        map.put(SourceConfig.CONNECTOR_NAME, "Stitch Heroku");
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private static Map<String, String> discrete(String... more) {
        Map<String, String> map = props(
            ConnectionFragment.HOSTNAME, "db.example.com",
            ConnectionFragment.PORT, "5433",
            ConnectionFragment.USER, "alice",
            ConnectionFragment.PASSWORD, PASSWORD,
            ConnectionFragment.DBNAME, "shop");
        map.putAll(props(more));
        return map;
    }

    private static Map<String, String> withUrl(String url, String... more) {
        Map<String, String> map = props(ConnectionFragment.URL, url);
        map.putAll(props(more));
        return map;
    }

    /** The same settings, as if they had come from the discrete keys. */
    private static ConnectionSettings asIfFromDiscreteKeys(ConnectionSettings s) {
        return new ConnectionSettings(s.host(), s.port(), s.database(), s.user(), s.password(), s.ssl(),
            s.extraParameters(), s.applicationName(), false, s.timeouts());
    }

    @Test
    void urlAndDiscreteKeysGiveTheSameSettings() {
        ConnectionSettings fromUrl = new SourceConfig(withUrl(URL)).connection();
        ConnectionSettings fromKeys = new SourceConfig(discrete()).connection();

        assertThat(fromUrl.host()).isEqualTo("db.example.com");
        assertThat(fromUrl.port()).isEqualTo(5433);
        assertThat(fromUrl.database()).isEqualTo("shop");
        assertThat(fromUrl.user()).isEqualTo("alice");
        assertThat(fromUrl.password().value()).isEqualTo(PASSWORD);
        assertThat(fromUrl.sslMode()).isEqualTo(SslMode.REQUIRE);
        assertThat(fromUrl.sslRootCert()).isEmpty();
        assertThat(fromUrl.extraParameters()).isEmpty();
        assertThat(fromUrl.applicationName()).isEqualTo("kafka-connect-heroku-postgres (Stitch Heroku)");
        assertThat(fromUrl.fromUrl()).isTrue();
        assertThat(fromKeys.fromUrl()).isFalse();
        assertThat(asIfFromDiscreteKeys(fromUrl)).isEqualTo(fromKeys);
    }

    @Test
    void jdbcUrlGivesTheSameSettingsAsDiscreteKeys() {
        ConnectionSettings fromUrl = new SourceConfig(withUrl(
            "jdbc:postgresql://db.example.com:5433/shop?user=alice&password=" + PASSWORD + "&sslmode=require"))
            .connection();

        assertThat(asIfFromDiscreteKeys(fromUrl)).isEqualTo(new SourceConfig(discrete()).connection());
    }

    @Test
    void settingsWithoutPasswordCanBeCompared() {
        ConnectionSettings fromUrl = new SourceConfig(withUrl("postgres://alice@db.example.com:5433/shop"))
            .connection();
        Map<String, String> keys = discrete();
        keys.remove(ConnectionFragment.PASSWORD);
        ConnectionSettings fromKeys = new SourceConfig(keys).connection();

        assertThat(fromUrl.password().value()).isNull();
        assertThat(asIfFromDiscreteKeys(fromUrl)).isEqualTo(fromKeys);
        assertThat(fromUrl.hashCode()).isEqualTo(fromKeys.hashCode());
    }

    @Test
    void discreteKeysDefaultThePort() {
        Map<String, String> keys = discrete();
        keys.remove(ConnectionFragment.PORT);

        assertThat(new SourceConfig(keys).connection().port()).isEqualTo(5432);
    }

    @Test
    void sslModeDefaultsToRequire() {
        assertThat(new SourceConfig(discrete()).connection().sslMode()).isEqualTo(SslMode.REQUIRE);
        assertThat(new SourceConfig(withUrl("postgres://alice:pw@h/db")).connection().sslMode())
            .isEqualTo(SslMode.REQUIRE);
    }

    @Test
    void sslModeComesFromTheUrlWhenNotConfigured() {
        ConnectionSettings settings = new SourceConfig(withUrl(
            "postgres://alice:pw@h/db?sslmode=verify-full&connectTimeout=5&sslrootcert=" + ROOT_CERT)).connection();

        assertThat(settings.sslMode()).isEqualTo(SslMode.VERIFY_FULL);
        assertThat(settings.extraParameters()).containsExactlyEntriesOf(Map.of("connectTimeout", "5"));
    }

    @Test
    void sslModeFromTheUrlIsCaseInsensitive() {
        assertThat(new SourceConfig(withUrl("postgres://alice:pw@h/db?SSLMODE=Verify-CA",
            ConnectionFragment.SSLROOTCERT, ROOT_CERT)).connection().sslMode()).isEqualTo(SslMode.VERIFY_CA);
    }

    @ParameterizedTest
    @ValueSource(strings = {"disable", "require", "verify-ca", "VERIFY-FULL"})
    void configuredSslModeWinsOverTheUrl(String configured) {
        // Even 'require', the default, wins when it is set explicitly.
        ConnectionSettings settings = new SourceConfig(withUrl("postgres://alice:pw@h/db?sslmode=prefer",
            ConnectionFragment.SSLMODE, configured, ConnectionFragment.SSLROOTCERT, ROOT_CERT)).connection();

        assertThat(settings.sslMode()).isEqualTo(SslMode.parse(configured));
        assertThat(settings.extraParameters()).doesNotContainKey("sslmode");
    }

    @Test
    void configuredSslModeAppliesToDiscreteKeys() {
        assertThat(new SourceConfig(discrete(ConnectionFragment.SSLMODE, "verify-ca",
            ConnectionFragment.SSLROOTCERT, ROOT_CERT)).connection().sslMode()).isEqualTo(SslMode.VERIFY_CA);
    }

    @Test
    void invalidConfiguredSslModeIsRejectedNamingTheKey() {
        assertThatThrownBy(() -> new SourceConfig(discrete(ConnectionFragment.SSLMODE, "sometimes")))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining(ConnectionFragment.SSLMODE);
    }

    @Test
    void invalidSslModeInTheUrlIsAConfigExceptionNamingTheUrl() {
        assertThatThrownBy(() -> new SourceConfig(withUrl("postgres://alice:" + PASSWORD + "@h/db?sslmode=bogus")))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining(ConnectionFragment.URL)
            .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void sslRootCertComesFromTheUrlUnlessConfigured() {
        ConnectionSettings fromUrl = new SourceConfig(
            withUrl("postgres://alice:pw@h/db?sslrootcert=" + ROOT_CERT)).connection();
        ConnectionSettings configured = new SourceConfig(withUrl("postgres://alice:pw@h/db?sslrootcert=" + ROOT_CERT,
            ConnectionFragment.SSLROOTCERT, OTHER_ROOT_CERT)).connection();

        assertThat(fromUrl.sslRootCert()).contains(ROOT_CERT);
        assertThat(fromUrl.extraParameters()).doesNotContainKey("sslrootcert");
        assertThat(configured.sslRootCert()).contains(OTHER_ROOT_CERT);
        assertThat(configured.extraParameters()).doesNotContainKey("sslrootcert");
    }

    static Stream<Arguments> missingKeys() {
        return Stream.of(
            Arguments.of(ConnectionFragment.HOSTNAME),
            Arguments.of(ConnectionFragment.USER),
            Arguments.of(ConnectionFragment.DBNAME));
    }

    @ParameterizedTest
    @MethodSource("missingKeys")
    void missingDiscreteKeyIsNamed(String key) {
        Map<String, String> keys = discrete();
        keys.remove(key);

        KeyedConfigException e = catchThrowableOfType(KeyedConfigException.class, () -> new SourceConfig(keys));

        assertThat(e).isNotNull();
        assertThat(e.key()).isEqualTo(key);
        assertThat(firstMentioned(e.getMessage())).as(e.getMessage()).isEqualTo(key);
        assertThat(e.getMessage()).doesNotContain(PASSWORD);
    }

    @ParameterizedTest
    @MethodSource("missingKeys")
    void blankDiscreteKeyIsNamed(String key) {
        KeyedConfigException e = catchThrowableOfType(KeyedConfigException.class,
            () -> new SourceConfig(discrete(key, "  ")));

        assertThat(e).isNotNull();
        assertThat(e.key()).isEqualTo(key);
        assertThat(firstMentioned(e.getMessage())).as(e.getMessage()).isEqualTo(key);
    }

    /** Of the three discrete keys, the one the message names first: the one it blames. */
    private static String firstMentioned(String message) {
        return Stream.of(ConnectionFragment.HOSTNAME, ConnectionFragment.USER, ConnectionFragment.DBNAME)
            .filter(message::contains)
            .min(Comparator.comparingInt(message::indexOf))
            .orElse("none");
    }

    static Stream<Arguments> invalidUrls() {
        return Stream.of(
            Arguments.of("mysql://alice:" + PASSWORD + "@h:3306/db"),
            Arguments.of("postgres://alice:" + PASSWORD + "@h:70000/db"),
            Arguments.of("postgres://alice:" + PASSWORD + "@h"),
            Arguments.of("postgres://alice:" + PASSWORD + "%zz@h/db"),
            Arguments.of("postgres://:" + PASSWORD + "@h/db"),
            Arguments.of("jdbc:postgresql://h/db?password=" + PASSWORD));
    }

    @ParameterizedTest
    @MethodSource("invalidUrls")
    void invalidUrlIsAConfigExceptionNamingTheKeyWithoutThePassword(String url) {
        KeyedConfigException e = catchThrowableOfType(KeyedConfigException.class, () -> new SourceConfig(withUrl(url)));

        assertThat(e).isNotNull();
        assertThat(e.key()).isEqualTo(ConnectionFragment.URL);
        assertThat(e.getMessage()).contains(ConnectionFragment.URL).doesNotContain(PASSWORD).doesNotContain(url);
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(PASSWORD);
        }
    }

    @ParameterizedTest
    @CsvSource({"database.hostname, other.example.com", "database.port, 5432", "database.user, bob",
        "database.password, Other-Pw", "database.dbname, otherdb"})
    void disagreeingKeysAreAnErrorOnTheDiscreteKey(String key, String value) {
        KeyedConfigException e = catchThrowableOfType(KeyedConfigException.class,
            () -> new SourceConfig(discrete(key, value, ConnectionFragment.URL, URL)));

        assertThat(e).isNotNull();
        assertThat(e.key()).as(e.getMessage()).isEqualTo(key);
        assertThat(e.getMessage()).doesNotContain(PASSWORD).doesNotContain("Other-Pw").doesNotContain(URL);
    }

    @Test
    void agreeingKeysAreAccepted() {
        ConnectionSettings settings = new SourceConfig(discrete(ConnectionFragment.URL, URL)).connection();

        assertThat(settings.fromUrl()).isTrue();
        assertThat(asIfFromDiscreteKeys(settings)).isEqualTo(new SourceConfig(discrete()).connection());
    }

    @Test
    void connectionSettingsToStringHidesThePassword() {
        ConnectionSettings fromKeys = new SourceConfig(discrete()).connection();
        ConnectionSettings fromUrl = new SourceConfig(withUrl(
            "postgres://alice:" + PASSWORD + "@[2001:db8::5]:6543/shop?sslmode=verify-full",
            ConnectionFragment.SSLROOTCERT, ROOT_CERT)).connection();

        for (ConnectionSettings settings : List.of(fromKeys, fromUrl)) {
            assertThat(settings.toString()).doesNotContain(PASSWORD).contains("alice");
            assertThat(settings.describe()).doesNotContain(PASSWORD).doesNotContain("alice");
        }
        assertThat(fromUrl.describe()).isEqualTo("[2001:db8::5]:6543/shop");
    }

    static Stream<Arguments> derivedPrefixes() {
        return Stream.of(
            Arguments.of("Stitch Heroku", "stitch_heroku"),
            Arguments.of("--My  DB!!", "my_db"),
            Arguments.of("orders", "orders"),
            Arguments.of("Prod.DB-2", "prod_db_2"),
            Arguments.of("Ünïcode Naïve", "n_code_na_ve"));
    }

    @ParameterizedTest
    @MethodSource("derivedPrefixes")
    void topicPrefixDefaultsToOneDerivedFromTheName(String name, String expected) {
        Map<String, String> keys = discrete();
        keys.put(SourceConfig.CONNECTOR_NAME, name);

        assertThat(new SourceConfig(keys).topicPrefix()).isEqualTo(expected);
        assertThat(OutputFragment.defaultPrefix(name)).isEqualTo(expected);
    }

    @Test
    void explicitTopicPrefixIsUsedAsIs() {
        assertThat(new SourceConfig(discrete(OutputFragment.TOPIC_PREFIX, "My.Prefix-1_x")).topicPrefix())
            .isEqualTo("My.Prefix-1_x");
    }

    @Test
    void underivablePrefixIsAConfigExceptionNamingTopicPrefix() {
        Map<String, String> keys = discrete();
        keys.put(SourceConfig.CONNECTOR_NAME, "!!!");
        SourceConfig config = new SourceConfig(keys);

        assertThatThrownBy(config::topicPrefix)
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining(OutputFragment.TOPIC_PREFIX);

        keys.remove(SourceConfig.CONNECTOR_NAME);
        assertThatThrownBy(new SourceConfig(keys)::topicPrefix)
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining(OutputFragment.TOPIC_PREFIX);
    }

    @ParameterizedTest
    @ValueSource(strings = {"my prefix", "bad/prefix", "pre:fix", "préfix", "a,b", "x#y"})
    void explicitTopicPrefixWithInvalidCharacterIsRejected(String prefix) {
        assertThatThrownBy(() -> new SourceConfig(discrete(OutputFragment.TOPIC_PREFIX, prefix)))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining(OutputFragment.TOPIC_PREFIX);
    }

    @ParameterizedTest
    @ValueSource(strings = {SelectionFragment.TABLE_INCLUDE_LIST, SelectionFragment.TABLE_EXCLUDE_LIST})
    void badRegexIsRejectedNamingTheKey(String key) {
        assertThatThrownBy(() -> new SourceConfig(discrete(key, "public\\.orders, public\\.(items")))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining(key)
            .hasMessageContaining("public\\.(items");
    }

    @Test
    void includeRuleMatchesTheWholeName() {
        TableSelection selection = new SourceConfig(discrete(SelectionFragment.TABLE_INCLUDE_LIST, "public\\..*"))
            .tableSelection();

        assertThat(selection.matches("public", "orders")).isTrue();
        assertThat(selection.matches("xpublic", "orders")).isFalse();
        assertThat(selection.matches("public_x", "orders")).isFalse();
        assertThat(selection.matches("sales", "public.orders")).isFalse();
    }

    @Test
    void excludeRuleMatchesTheWholeNameToo() {
        TableSelection selection = new SourceConfig(discrete(SelectionFragment.TABLE_EXCLUDE_LIST, "orders"))
            .tableSelection();

        assertThat(selection.matches("public", "orders")).isTrue();
        assertThat(selection.matches("public", "items")).isTrue();
    }

    @Test
    void excludeWinsOverInclude() {
        TableSelection selection = new SourceConfig(discrete(
            SelectionFragment.TABLE_INCLUDE_LIST, "public\\..*, sales\\.orders",
            SelectionFragment.TABLE_EXCLUDE_LIST, "public\\.secret.*")).tableSelection();

        assertThat(selection.matches("public", "orders")).isTrue();
        assertThat(selection.matches("sales", "orders")).isTrue();
        assertThat(selection.matches("sales", "items")).isFalse();
        assertThat(selection.matches("public", "secrets")).isFalse();
        assertThat(selection.matches("public", "secret")).isFalse();
    }

    @Test
    void emptyIncludeSelectsEveryTableNotExcluded() {
        TableSelection all = new SourceConfig(discrete()).tableSelection();
        TableSelection allButAudit = new SourceConfig(discrete(SelectionFragment.TABLE_EXCLUDE_LIST, "audit\\..*"))
            .tableSelection();

        assertThat(all.include()).isEmpty();
        assertThat(all.matches("public", "orders")).isTrue();
        assertThat(all.matches("Weird Schema", "Table \"Name\"")).isTrue();
        assertThat(allButAudit.matches("public", "orders")).isTrue();
        assertThat(allButAudit.matches("audit", "log")).isFalse();
    }

    @Test
    void selectionMatchingIsCaseSensitive() {
        TableSelection selection = new SourceConfig(discrete(SelectionFragment.TABLE_INCLUDE_LIST, "public\\.Orders"))
            .tableSelection();

        assertThat(selection.matches("public", "Orders")).isTrue();
        assertThat(selection.matches("public", "orders")).isFalse();
    }

    @Test
    void pollIntervalAndBatchSizeHaveDefaults() {
        SourceConfig config = new SourceConfig(discrete());

        assertThat(config.pollInterval().toMillis()).isEqualTo(ReplicationFragment.DEFAULT_POLL_INTERVAL_MS);
        assertThat(config.batchMaxRows()).isEqualTo(ReplicationFragment.DEFAULT_BATCH_MAX_ROWS);
        assertThat(config.connectorName()).isEqualTo(Optional.of("Stitch Heroku"));
    }
}
