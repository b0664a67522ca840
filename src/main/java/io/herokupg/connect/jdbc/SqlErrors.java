/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.jdbc;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
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
        /** The server refused the credentials (class 28): fetch fresh ones, if they come from Heroku, and retry. */
        AUTHENTICATION,
        /**
         * A problem of one table (class 42: privileges, undefined table, syntax): the task's other tables go on.
         */
        TABLE,
        /** Retrying will not help until the configuration or the database changes. */
        FATAL
    }

    private SqlErrors() {
    }

    /**
     * Connection loss (class 08) and these states are worth retrying: administrator/crash shutdown and "cannot
     * connect now" (57P01-03), serialization failure and deadlock (40001, 40P01), too many connections (53300),
     * read-only transaction during maintenance (25006), a lock waited for longer than the statement timeout
     * (55P03: a pass queued behind a migration's lock gives up, and tries again once it is gone), and cancellations:
     * a statement cancelled (57014: {@code pg_cancel_backend}, which pg_repack sends after its wait timeout and
     * {@code heroku pg:kill} without {@code --force}, or {@code statement_timeout}) and a session ended for being
     * idle in a transaction or idle (25P03, 57P05). A pass read again after any of them emits exactly what it would
     * have.
     */
    // 42703 (undefined column): the table was altered between the check of its shape and the query; the next
    // attempt reads the new shape.
    private static final Set<String> RETRIABLE_STATES =
        Set.of("57P01", "57P02", "57P03", "57P05", "57014", "25P03", "40001", "40P01", "53300", "25006",
            "42703", "55P03");

    public static Kind classify(SQLException e) {
        String state = Optional.ofNullable(e.getSQLState()).orElse("");
        // A TLS or certificate problem surfaces as a connection failure (08006) but will not heal by itself.
        boolean tls = cause(e, SSLException.class).isPresent() || cause(e, CertificateException.class).isPresent();
        if (tls) {
            return Kind.FATAL;
        }
        if (state.startsWith("08") || RETRIABLE_STATES.contains(state) || closedByPool(e)) {
            return Kind.RETRIABLE;
        }
        if (state.startsWith("28")) {
            return Kind.AUTHENTICATION;
        }
        return state.startsWith("42") ? Kind.TABLE : Kind.FATAL;
    }

    /**
     * HikariCP closes a connection it found broken (a lost connection) and answers every later call on it with this
     * exception, which has no SQLSTATE: a connection lost, whatever code met it first.
     */
    private static boolean closedByPool(SQLException e) {
        return e.getSQLState() == null && "Connection is closed".equals(e.getMessage());
    }

    /**
     * Why a connection failed, as a message for the user, and the key to fix.
     *
     * @param key     the configuration key the failure is attached to in a validation
     * @param message what happened and what to do; never a password or the URL
     */
    public record Diagnosis(String key, String message) {
    }

    /**
     * A message for a failure to connect, naming the setting to look at. It never repeats the password or the URL.
     */
    public static String describeConnectFailure(Throwable failure, ConnectionSettings settings) {
        return diagnoseConnectFailure(failure, settings).message();
    }

    /** The key to fix and the message for a failure to connect: TLS, network, authentication, database. */
    public static Diagnosis diagnoseConnectFailure(Throwable failure, ConnectionSettings settings) {
        return diagnoseTransportFailure(failure, settings)
            .orElseGet(() -> diagnoseServerRefusal(failure, settings));
    }

    /** Failures before the server answered: TLS, name resolution, TCP. */
    private static Optional<Diagnosis> diagnoseTransportFailure(Throwable failure, ConnectionSettings settings) {
        String where = settings.describe();
        String sslMode = ConnectionFragment.SSLMODE + "=" + settings.sslMode();
        if (cause(failure, CertPathValidatorException.class).isPresent()
            || cause(failure, CertificateException.class).isPresent()) {
            return Optional.of(new Diagnosis(ConnectionFragment.SSLROOTCERT, "SSL: the certificate of " + where
                + " is not trusted: it is not signed by a root certificate in " + ConnectionFragment.SSLROOTCERT
                + " (" + sslMode + "). Set " + ConnectionFragment.SSLROOTCERT + " to the server's CA certificate,"
                + " or use " + ConnectionFragment.SSLMODE + "=require, which encrypts without verifying (Heroku's"
                + " default certificates cannot be verified)"));
        }
        if (cause(failure, SSLException.class).isPresent()) {
            return Optional.of(new Diagnosis(ConnectionFragment.SSLMODE, "SSL: the TLS handshake with " + where
                + " failed (" + sslMode + "): " + rootMessage(failure)));
        }
        String hostKey = settings.hostKey();
        if (cause(failure, UnknownHostException.class).isPresent()) {
            return Optional.of(new Diagnosis(hostKey, "The host of " + where + " is unknown; check " + hostKey));
        }
        if (cause(failure, ConnectException.class).isPresent()
            || cause(failure, SocketTimeoutException.class).isPresent()) {
            return Optional.of(new Diagnosis(hostKey, "Could not reach " + where + " (" + rootMessage(failure)
                + "); check the host and port in " + hostKey + ", and that this worker may reach the database"
                + " (Heroku Private and Shield spaces allow only listed IP addresses)"));
        }
        return Optional.empty();
    }

    /** Failures the server reported: no TLS, client certificate, authentication, unknown database. */
    private static Diagnosis diagnoseServerRefusal(Throwable failure, ConnectionSettings settings) {
        String where = settings.describe();
        String state = cause(failure, SQLException.class).map(SQLException::getSQLState).orElse("");
        String message = rootMessage(failure);
        String sslMode = ConnectionFragment.SSLMODE + "=" + settings.sslMode();
        if (state.startsWith("28") && message.contains("pg_hba.conf")
            && (message.contains("no encryption") || message.contains("SSL off"))) {
            return new Diagnosis(ConnectionFragment.SSLMODE, "The server at " + where + " refused a connection"
                + " without TLS (" + sslMode + "): " + message + ". Heroku Postgres accepts only TLS connections;"
                + " set " + ConnectionFragment.SSLMODE + "=require");
        }
        if (state.startsWith("28") && message.contains("certificate")) {
            return new Diagnosis(ConnectionFragment.SSLCERT, "The server at " + where + " requires a client"
                + " certificate it trusts (mutual TLS): " + message + ". Set " + ConnectionFragment.SSLCERT + " and "
                + ConnectionFragment.SSLKEY);
        }
        if (state.startsWith("28")) {
            return new Diagnosis(settings.passwordKey(), "The server at " + where + " refused user '"
                + settings.user() + "': " + message + ". Check " + settings.passwordKey()
                + " (Heroku rotates credentials: fetch the current DATABASE_URL)");
        }
        if (state.equals("3D000")) {
            return new Diagnosis(settings.databaseKey(), "The database of " + where + " does not exist; check "
                + settings.databaseKey());
        }
        return new Diagnosis(settings.hostKey(), "Could not connect to " + where + " with " + sslMode + ": "
            + message);
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
