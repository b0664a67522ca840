/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.jdbc;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.net.ssl.SSLException;

import io.herokupg.connect.config.ConnectionFragment;
import io.herokupg.connect.config.ConnectionSettings;

/** Classifies SQL failures once, by SQLSTATE and cause, and words them for the user without any secret. */
public final class SqlErrors {
    /** What to do about a failure. */
    public enum Kind {
        /** Worth retrying with the position kept: connection loss, shutdown, serialization failure. */
        RETRIABLE,
        /** Retrying will not help until the configuration or the database changes. */
        FATAL
    }

    private SqlErrors() {
    }

    /**
     * Connection loss (class 08) and these states are worth retrying: administrator/crash shutdown and "cannot
     * connect now" (57P01-03), serialization failure and deadlock (40001, 40P01), too many connections (53300),
     * read-only transaction during maintenance (25006).
     */
    private static final Set<String> RETRIABLE_STATES =
        Set.of("57P01", "57P02", "57P03", "40001", "40P01", "53300", "25006");

    public static Kind classify(SQLException e) {
        String state = Optional.ofNullable(e.getSQLState()).orElse("");
        // A TLS or certificate problem surfaces as a connection failure (08006) but will not heal by itself.
        boolean tls = cause(e, SSLException.class).isPresent() || cause(e, CertificateException.class).isPresent();
        boolean retriable = state.startsWith("08") || RETRIABLE_STATES.contains(state);
        return retriable && !tls ? Kind.RETRIABLE : Kind.FATAL;
    }

    /**
     * A message for a failure to connect, naming the setting to look at. It never repeats the password or the URL.
     */
    public static String describeConnectFailure(Throwable failure, ConnectionSettings settings) {
        return describeTransportFailure(failure, settings)
            .orElseGet(() -> describeServerRefusal(failure, settings));
    }

    /** Failures before the server answered: TLS, name resolution, TCP. */
    private static Optional<String> describeTransportFailure(Throwable failure, ConnectionSettings settings) {
        String where = settings.describe();
        String sslMode = ConnectionFragment.SSLMODE + "=" + settings.sslMode();
        if (cause(failure, CertPathValidatorException.class).isPresent()
            || cause(failure, CertificateException.class).isPresent()) {
            return Optional.of("SSL: the certificate of " + where + " is not trusted: it is not signed by a root"
                + " certificate in " + ConnectionFragment.SSLROOTCERT + " (" + sslMode + "). Set "
                + ConnectionFragment.SSLROOTCERT + " to the server's CA certificate, or use "
                + ConnectionFragment.SSLMODE + "=require, which encrypts without verifying (Heroku's default"
                + " certificates cannot be verified)");
        }
        if (cause(failure, SSLException.class).isPresent()) {
            return Optional.of("SSL: the TLS handshake with " + where + " failed (" + sslMode + "): "
                + rootMessage(failure));
        }
        String url = " (" + ConnectionFragment.URL + " or " + ConnectionFragment.HOSTNAME + "/"
            + ConnectionFragment.PORT + ")";
        if (cause(failure, UnknownHostException.class).isPresent()) {
            return Optional.of("The host of " + where + " is unknown" + url);
        }
        if (cause(failure, ConnectException.class).isPresent()) {
            return Optional.of("Could not reach " + where + ": " + rootMessage(failure) + url);
        }
        return Optional.empty();
    }

    /** Failures the server reported: no TLS, authentication, unknown database, anything else. */
    private static String describeServerRefusal(Throwable failure, ConnectionSettings settings) {
        String where = settings.describe();
        String state = cause(failure, SQLException.class).map(SQLException::getSQLState).orElse("");
        String message = rootMessage(failure);
        String sslMode = ConnectionFragment.SSLMODE + "=" + settings.sslMode();
        boolean hbaRejectsPlaintext = message.contains("pg_hba.conf")
            && (message.contains("no encryption") || message.contains("SSL off"));
        if (state.startsWith("28") && hbaRejectsPlaintext) {
            return "The server at " + where + " refused a connection without TLS (" + sslMode + "): " + message
                + ". Heroku Postgres accepts only TLS connections; set " + ConnectionFragment.SSLMODE + "=require";
        }
        if (state.startsWith("28")) {
            return "The server at " + where + " refused user '" + settings.user() + "': " + message
                + ". Check " + ConnectionFragment.PASSWORD + " or the password in " + ConnectionFragment.URL
                + " (Heroku rotates credentials: fetch the current DATABASE_URL)";
        }
        if (state.equals("3D000")) {
            return "The database of " + where + " does not exist (" + ConnectionFragment.DBNAME + " or "
                + ConnectionFragment.URL + ")";
        }
        return "Could not connect to " + where + " with " + sslMode + ": " + message;
    }

    /** The innermost message of a failure; driver messages name hosts and users but never passwords. */
    public static String rootMessage(Throwable failure) {
        List<Throwable> chain = chain(failure);
        Throwable root = chain.get(chain.size() - 1);
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static <T extends Throwable> Optional<T> cause(Throwable failure, Class<T> type) {
        return chain(failure).stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /** The failure and its causes, each once, even where the cause chain loops back on itself. */
    private static List<Throwable> chain(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }
}
