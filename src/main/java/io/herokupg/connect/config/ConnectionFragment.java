/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** Keys that say where the database is and how to reach it: {@code database.*}. */
public final class ConnectionFragment {
    public static final String GROUP = "Connection";
    public static final String SSL_GROUP = "SSL";

    public static final String URL = "database.url";
    public static final String PRIMARY_URL = "database.primary.url";
    public static final String HOSTNAME = "database.hostname";
    public static final String PORT = "database.port";
    public static final String USER = "database.user";
    public static final String PASSWORD = "database.password";
    public static final String DBNAME = "database.dbname";
    public static final String SSLMODE = "database.sslmode";
    public static final String SSLROOTCERT = "database.sslrootcert";
    public static final String SSLCERT = "database.sslcert";
    public static final String SSLKEY = "database.sslkey";
    public static final String SSLPASSWORD = "database.sslpassword";
    public static final String CONNECT_TIMEOUT_MS = "database.connect.timeout.ms";
    public static final String STATEMENT_TIMEOUT_MS = "database.statement.timeout.ms";
    public static final String TCP_KEEPALIVE = "database.tcp.keepalive";

    private ConnectionFragment() {
    }

    static ConfigDef define(ConfigDef def) {
        int order = 0;
        def.define(URL, Type.PASSWORD, null, Importance.HIGH,
                "The database URL as Heroku gives it in DATABASE_URL (postgres://USER:PASSWORD@HOST:PORT/DBNAME),"
                    + " or postgresql://… or jdbc:postgresql://HOST:PORT/DBNAME?user=…&password=…. An alternative to"
                    + " the database.hostname/port/user/password/dbname keys. Treated as a secret, since it holds"
                    + " the password; use a config provider such as ${env:DATABASE_URL} to keep it out of the config.",
                GROUP, ++order, Width.LONG, "Database URL")
            .define(PRIMARY_URL, Type.PASSWORD, null, Importance.MEDIUM,
                "When the database is a follower (a hot standby, e.g. HEROKU_POSTGRESQL_<COLOR>_URL): its"
                    + " primary's URL (Heroku's DATABASE_URL), same forms as database.url. A follower cannot see"
                    + " which transactions are still running on its primary, so INCREMENTAL and XMIN passes take"
                    + " their snapshot there (one light query per pass on one more connection per task) and read"
                    + " the rows on the follower once it has replayed up to that snapshot. Without a user and"
                    + " password (postgres://HOST:PORT/DBNAME) it uses database.url's, as Heroku followers share"
                    + " their leader's credentials. Required when a follower replicates INCREMENTAL or XMIN tables;"
                    + " unused while the database is a primary.",
                GROUP, ++order, Width.LONG, "Primary's URL (for a follower)")
            .define(HOSTNAME, Type.STRING, null, Importance.HIGH,
                "Host name or IP address of the PostgreSQL server, when database.url is not used.",
                GROUP, ++order, Width.MEDIUM, "Host")
            .define(PORT, Type.INT, DatabaseUrl.DEFAULT_PORT, ConfigDef.Range.between(1, 65535), Importance.MEDIUM,
                "TCP port of the PostgreSQL server, when database.url is not used.",
                GROUP, ++order, Width.SHORT, "Port")
            .define(USER, Type.STRING, null, Importance.HIGH,
                "User to connect as, when database.url is not used.",
                GROUP, ++order, Width.MEDIUM, "User")
            .define(PASSWORD, Type.PASSWORD, null, Importance.HIGH,
                "Password of database.user, when database.url is not used.",
                GROUP, ++order, Width.MEDIUM, "Password")
            .define(DBNAME, Type.STRING, null, Importance.HIGH,
                "Name of the database to replicate from, when database.url is not used.",
                GROUP, ++order, Width.MEDIUM, "Database name")
            .define(CONNECT_TIMEOUT_MS, Type.LONG, 30_000L, ConfigDef.Range.between(1_000L, 600_000L),
                Importance.LOW, "How long opening a connection (TCP, TLS and authentication) may take, in"
                    + " milliseconds; also bounds the live checks of a config validation.",
                GROUP, ++order, Width.SHORT, "Connect timeout (ms)")
            .define(STATEMENT_TIMEOUT_MS, Type.LONG, 600_000L, ConfigDef.Range.atLeast(0L), Importance.LOW,
                "The server's statement_timeout for the connector's sessions, in milliseconds: the longest a"
                    + " catalog or bookkeeping query may run. A pass's read of its rows (one COPY, which lasts as"
                    + " long as the records take to be consumed) runs without it, but waits for locks at most this"
                    + " long (lock_timeout). 0 for none.",
                GROUP, ++order, Width.SHORT, "Statement timeout (ms)")
            .define(TCP_KEEPALIVE, Type.BOOLEAN, true, Importance.LOW,
                "Whether to send TCP keepalives, so that a connection dropped by the network (failover,"
                    + " maintenance) is noticed instead of waiting forever.",
                GROUP, ++order, Width.SHORT, "TCP keepalive");
        int sslOrder = 0;
        return def
            .define(SSLMODE, Type.STRING, SslMode.REQUIRE.value(),
                Validators.oneOfIgnoringCase(SslMode.names()), Importance.HIGH,
                "How to use TLS, as in libpq. Heroku Postgres accepts only TLS connections and its default"
                    + " certificates cannot be verified, so 'require' (encrypt, do not verify) fits it;"
                    + " 'verify-ca' and 'verify-full' need database.sslrootcert.",
                SSL_GROUP, ++sslOrder, Width.SHORT, "SSL mode")
            .define(SSLROOTCERT, Type.STRING, null, Importance.MEDIUM,
                "The root certificate(s) that must have signed the server's certificate, for verify-ca and"
                    + " verify-full: a PEM file's path, or the PEM text itself (-----BEGIN CERTIFICATE-----…).",
                SSL_GROUP, ++sslOrder, Width.LONG, "SSL root certificate")
            .define(SSLCERT, Type.STRING, null, Importance.MEDIUM,
                "Client certificate for mutual TLS (Heroku Private and Shield spaces): a PEM file's path or the"
                    + " PEM text. Needs database.sslkey.",
                SSL_GROUP, ++sslOrder, Width.LONG, "SSL client certificate")
            .define(SSLKEY, Type.PASSWORD, null, Importance.MEDIUM,
                "Private key of database.sslcert: a PEM file's path or the PEM text (PKCS#8 'PRIVATE KEY' or"
                    + " 'ENCRYPTED PRIVATE KEY', RSA 'RSA PRIVATE KEY', EC 'EC PRIVATE KEY'; RSA and EC keys also"
                    + " in OpenSSL's older encryption, DEK-Info AES-*-CBC or DES-EDE3-CBC). Treated as a secret.",
                SSL_GROUP, ++sslOrder, Width.LONG, "SSL client key")
            .define(SSLPASSWORD, Type.PASSWORD, null, Importance.LOW,
                "Password of an encrypted database.sslkey.",
                SSL_GROUP, ++sslOrder, Width.MEDIUM, "SSL key password");
    }
}
