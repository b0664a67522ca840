/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.types.Password;

/** Keys that say what to do when a table fails, and where fresh credentials come from after a rotation. */
public final class ResilienceFragment {
    public static final String GROUP = "Resilience";

    public static final String TABLE_FAILURE_POLICY = "table.failure.policy";
    public static final String HEROKU_APP = "heroku.app";
    public static final String HEROKU_API_TOKEN = "heroku.api.token";
    public static final String HEROKU_API_URL = "heroku.api.url";
    public static final String HEROKU_CONFIG_VAR = "heroku.config.var";

    /** What a task does when one of its tables fails in a way retrying will not fix. */
    public enum TableFailurePolicy {
        /** Report the table failed, stop reading it, and go on with the task's other tables. */
        SKIP,
        /** Fail the task. */
        FAIL
    }

    /**
     * Where the task fetches the current database URL when the server refuses its credentials.
     *
     * @param app       the Heroku app (name or id) the database is attached to
     * @param token     a Platform API token; a secret
     * @param apiUrl    the Platform API's address
     * @param configVar the config var that holds the database URL
     */
    public record HerokuCredentials(String app, Password token, String apiUrl, String configVar) {
        @Override
        public String toString() {
            return "Heroku app '" + app + "' config var " + configVar;
        }
    }

    private ResilienceFragment() {
    }

    static ConfigDef define(ConfigDef def) {
        int order = 0;
        return def
            .define(TABLE_FAILURE_POLICY, Type.STRING, "skip",
                Validators.oneOfIgnoringCase(Arrays.stream(TableFailurePolicy.values())
                    .map(p -> p.name().toLowerCase(Locale.ROOT)).toArray(String[]::new)), Importance.MEDIUM,
                "What a task does when reading one table fails in a way retrying will not fix (SQLSTATE class 42:"
                    + " missing privilege, dropped table, invalid query). skip: log the table as failed, stop"
                    + " reading it until the task restarts, and go on with the task's other tables. fail: fail the"
                    + " task. Outages (connection loss, server restart, too many connections) are retried either"
                    + " way.",
                GROUP, ++order, Width.SHORT, "Table failure policy")
            .define(HEROKU_APP, Type.STRING, null, Importance.MEDIUM,
                "The Heroku app the database is attached to. When set, a task whose credentials the server"
                    + " refuses (SQLSTATE 28P01/28000, after pg:credentials:rotate or maintenance) fetches the"
                    + " current database URL from the app's config var heroku.config.var through the Platform API"
                    + " and reconnects, instead of failing. Needs heroku.api.token.",
                GROUP, ++order, Width.MEDIUM, "Heroku app")
            .define(HEROKU_API_TOKEN, Type.PASSWORD, null, Importance.MEDIUM,
                "A Heroku Platform API token with the read-protected or global scope, for heroku.app. A secret:"
                    + " use a config provider such as ${env:HEROKU_API_TOKEN}.",
                GROUP, ++order, Width.LONG, "Heroku API token")
            .define(HEROKU_CONFIG_VAR, Type.STRING, "DATABASE_URL", Importance.LOW,
                "The config var of heroku.app that holds the database URL, e.g. HEROKU_POSTGRESQL_RED_URL for a"
                    + " follower.",
                GROUP, ++order, Width.MEDIUM, "Heroku config var")
            .define(HEROKU_API_URL, Type.STRING, "https://api.heroku.com", Importance.LOW,
                "The Heroku Platform API's address.",
                GROUP, ++order, Width.MEDIUM, "Heroku API URL");
    }

    static TableFailurePolicy policy(AbstractConfig config) {
        return TableFailurePolicy.valueOf(config.getString(TABLE_FAILURE_POLICY).trim().toUpperCase(Locale.ROOT));
    }

    static Optional<HerokuCredentials> credentials(AbstractConfig config) {
        String app = config.getString(HEROKU_APP);
        if (app == null || app.isBlank()) {
            return Optional.empty();
        }
        Password token = config.getPassword(HEROKU_API_TOKEN);
        if (token == null || token.value() == null || token.value().isBlank()) {
            throw new KeyedConfigException(HEROKU_API_TOKEN, "is required with " + HEROKU_APP
                + ": a Platform API token with the read-protected or global scope");
        }
        return Optional.of(new HerokuCredentials(app.trim(), token, config.getString(HEROKU_API_URL),
            config.getString(HEROKU_CONFIG_VAR)));
    }
}
