/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.types.Password;

/**
 * Turns the connection keys into {@link ConnectionSettings}, checking the rules that span keys. Every error is a
 * {@link KeyedConfigException} on the key to fix, and never repeats a secret.
 */
final class ConnectionResolver {
    /** Hosts of Heroku Postgres (and the AWS hosts it runs on), which accept only TLS. */
    private static final Pattern HEROKU_HOST =
        Pattern.compile("(?i).*\\.(amazonaws\\.com|heroku\\.com|herokuapp\\.com|herokudns\\.com)");

    private final AbstractConfig config;

    ConnectionResolver(AbstractConfig config) {
        this.config = config;
    }

    ConnectionSettings resolve(String applicationName) {
        Password url = config.getPassword(ConnectionFragment.URL);
        boolean fromUrl = url != null && url.value() != null && !url.value().isBlank();
        ConnectionSettings settings = fromUrl ? fromUrl(url.value(), applicationName)
            : fromDiscreteKeys(applicationName);
        checkTlsRequiredByHost(settings);
        return settings;
    }

    /**
     * The follower's primary (database.primary.url), reached with the same TLS settings and timeouts; with the
     * main connection's user and password when its URL has none.
     */
    Optional<ConnectionSettings> resolvePrimary(ConnectionSettings main) {
        Optional<String> url = secret(ConnectionFragment.PRIMARY_URL);
        if (url.isEmpty()) {
            return Optional.empty();
        }
        DatabaseUrl parsed;
        try {
            parsed = DatabaseUrl.parse(url.get());
        } catch (IllegalArgumentException e) {
            throw new KeyedConfigException(ConnectionFragment.PRIMARY_URL, e.getMessage());
        }
        if (!parsed.database().equals(main.database())) {
            throw new KeyedConfigException(ConnectionFragment.PRIMARY_URL, "names database '" + parsed.database()
                + "', but the follower's is '" + main.database() + "': it must be the same database, on the primary");
        }
        Map<String, String> params = new HashMap<>(parsed.parameters());
        String urlSslMode = params.remove("sslmode");
        params.remove("sslrootcert");
        SslSettings ssl = urlSslMode == null ? main.ssl() : new SslSettings(urlSslMode(ConnectionFragment.PRIMARY_URL,
            urlSslMode), main.ssl().rootCert(), main.ssl().clientCert(), main.ssl().clientKey(),
            main.ssl().keyPassword());
        String user = parsed.user().orElse(main.user());
        Password password = parsed.user().isPresent() ? new Password(parsed.password().orElse(null)) : main.password();
        ConnectionSettings primary = new ConnectionSettings(parsed.host(), parsed.port(), parsed.database(), user,
            password, ssl, params, main.applicationName(), true, main.timeouts());
        if (primary.sslMode().allowsPlaintext() && HEROKU_HOST.matcher(primary.host()).matches()) {
            throw new KeyedConfigException(ConnectionFragment.PRIMARY_URL, "its sslmode " + primary.sslMode()
                + " would allow an unencrypted connection to " + primary.host() + ", a Heroku Postgres host");
        }
        return Optional.of(primary);
    }

    private ConnectionSettings fromUrl(String url, String applicationName) {
        DatabaseUrl parsed;
        try {
            parsed = DatabaseUrl.parse(url);
        } catch (IllegalArgumentException e) {
            throw new KeyedConfigException(ConnectionFragment.URL, e.getMessage());
        }
        String user = parsed.user().orElseThrow(() -> new KeyedConfigException(ConnectionFragment.URL,
            "the URL names no user (expected postgres://USER:PASSWORD@HOST:PORT/DBNAME)"));
        checkAgreement(parsed, user);
        Map<String, String> params = new HashMap<>(parsed.parameters());
        String urlSslMode = params.remove("sslmode");
        String urlRootCert = params.remove("sslrootcert");
        SslMode mode = config.originals().containsKey(ConnectionFragment.SSLMODE) || urlSslMode == null
            ? sslMode() : urlSslMode(urlSslMode);
        // A URL without a password (as some tools print it) takes the password from database.password.
        String password = parsed.password().or(() -> secret(ConnectionFragment.PASSWORD)).orElse(null);
        return new ConnectionSettings(parsed.host(), parsed.port(), parsed.database(), user, new Password(password),
            ssl(mode, urlRootCert), params, applicationName, true, timeouts());
    }

    /** database.url and the discrete keys may both be set only when they say the same. */
    private void checkAgreement(DatabaseUrl parsed, String user) {
        checkSame(ConnectionFragment.HOSTNAME, config.getString(ConnectionFragment.HOSTNAME), parsed.host());
        checkSame(ConnectionFragment.DBNAME, config.getString(ConnectionFragment.DBNAME), parsed.database());
        checkSame(ConnectionFragment.USER, config.getString(ConnectionFragment.USER), user);
        if (config.originals().containsKey(ConnectionFragment.PORT)) {
            checkSame(ConnectionFragment.PORT, Integer.toString(config.getInt(ConnectionFragment.PORT)),
                Integer.toString(parsed.port()));
        }
        Password password = config.getPassword(ConnectionFragment.PASSWORD);
        if (password != null && password.value() != null && parsed.password().isPresent()
            && !password.value().equals(parsed.password().get())) {
            throw new KeyedConfigException(ConnectionFragment.PASSWORD, "differs from the password in "
                + ConnectionFragment.URL + "; set only one of them");
        }
    }

    private static void checkSame(String key, String discrete, String fromUrl) {
        if (discrete != null && !discrete.isBlank() && !discrete.equals(fromUrl)) {
            throw new KeyedConfigException(key, "is '" + discrete + "' but " + ConnectionFragment.URL + " says '"
                + fromUrl + "'; set only one of them");
        }
    }

    private ConnectionSettings fromDiscreteKeys(String applicationName) {
        String host = config.getString(ConnectionFragment.HOSTNAME);
        if (isBlank(host) && isBlank(config.getString(ConnectionFragment.DBNAME))
            && isBlank(config.getString(ConnectionFragment.USER))) {
            throw new KeyedConfigException(ConnectionFragment.URL, "no database is configured: set "
                + ConnectionFragment.URL + " (Heroku's DATABASE_URL), or " + ConnectionFragment.HOSTNAME + ", "
                + ConnectionFragment.DBNAME + " and " + ConnectionFragment.USER + " (with "
                + ConnectionFragment.PASSWORD + ")");
        }
        Password password = config.getPassword(ConnectionFragment.PASSWORD);
        return new ConnectionSettings(require(ConnectionFragment.HOSTNAME), config.getInt(ConnectionFragment.PORT),
            require(ConnectionFragment.DBNAME), require(ConnectionFragment.USER),
            password == null ? new Password(null) : password, ssl(sslMode(), null), Map.of(), applicationName,
            false, timeouts());
    }

    private String require(String key) {
        String value = config.getString(key);
        if (isBlank(value)) {
            throw new KeyedConfigException(key, "is required when " + ConnectionFragment.URL + " is not set");
        }
        return value;
    }

    private SslSettings ssl(SslMode mode, String urlRootCert) {
        Optional<String> rootCert = Optional.ofNullable(config.getString(ConnectionFragment.SSLROOTCERT))
            .filter(s -> !s.isBlank()).or(() -> Optional.ofNullable(urlRootCert));
        Optional<String> cert = Optional.ofNullable(config.getString(ConnectionFragment.SSLCERT))
            .filter(s -> !s.isBlank());
        Optional<String> key = secret(ConnectionFragment.SSLKEY);
        Optional<String> keyPassword = secret(ConnectionFragment.SSLPASSWORD);
        if (mode.verifiesServer() && rootCert.isEmpty()) {
            throw new KeyedConfigException(ConnectionFragment.SSLROOTCERT, "is required with "
                + ConnectionFragment.SSLMODE + "=" + mode + ": the CA certificate that signed the server's"
                + " certificate (Heroku's Enhanced Certificates), as a PEM file's path or the PEM text");
        }
        if (cert.isPresent() != key.isPresent()) {
            String missing = cert.isPresent() ? ConnectionFragment.SSLKEY : ConnectionFragment.SSLCERT;
            throw new KeyedConfigException(missing, "is required for mutual TLS, together with "
                + (cert.isPresent() ? ConnectionFragment.SSLCERT : ConnectionFragment.SSLKEY));
        }
        rootCert.ifPresent(v -> checkCertificate(ConnectionFragment.SSLROOTCERT, v));
        cert.ifPresent(v -> checkCertificate(ConnectionFragment.SSLCERT, v));
        key.ifPresent(v -> checkKey(v, keyPassword.orElse(null)));
        return new SslSettings(mode, rootCert, cert, key, keyPassword);
    }

    private static void checkCertificate(String key, String value) {
        try {
            Pem.checkCertificates(Pem.textOf(key, value));
        } catch (IllegalArgumentException e) {
            throw new KeyedConfigException(key, e.getMessage());
        }
    }

    private static void checkKey(String value, String password) {
        try {
            Pem.privateKeyDer(Pem.textOf(ConnectionFragment.SSLKEY, value), password);
        } catch (IllegalArgumentException e) {
            throw new KeyedConfigException(ConnectionFragment.SSLKEY, e.getMessage());
        }
    }

    private void checkTlsRequiredByHost(ConnectionSettings settings) {
        if (settings.sslMode().allowsPlaintext() && HEROKU_HOST.matcher(settings.host()).matches()) {
            throw new KeyedConfigException(ConnectionFragment.SSLMODE, settings.sslMode() + " would allow an"
                + " unencrypted connection to " + settings.host() + ", a Heroku Postgres host, which accepts only TLS"
                + " connections; use require (or verify-full with Heroku's Enhanced Certificates)");
        }
    }

    private ConnectionSettings.Timeouts timeouts() {
        return new ConnectionSettings.Timeouts(
            Duration.ofMillis(config.getLong(ConnectionFragment.CONNECT_TIMEOUT_MS)),
            Duration.ofMillis(config.getLong(ConnectionFragment.STATEMENT_TIMEOUT_MS)),
            config.getBoolean(ConnectionFragment.TCP_KEEPALIVE));
    }

    private Optional<String> secret(String key) {
        Password value = config.getPassword(key);
        return Optional.ofNullable(value).map(Password::value).filter(s -> !s.isBlank());
    }

    private SslMode sslMode() {
        return SslMode.parse(config.getString(ConnectionFragment.SSLMODE));
    }

    private static SslMode urlSslMode(String value) {
        return urlSslMode(ConnectionFragment.URL, value);
    }

    private static SslMode urlSslMode(String key, String value) {
        try {
            return SslMode.parse(value);
        } catch (IllegalArgumentException e) {
            throw new KeyedConfigException(key, "its sslmode parameter must be one of "
                + String.join(", ", SslMode.names()));
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
