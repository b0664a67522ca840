/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.heroku;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herokupg.connect.config.ConnectionSettings;
import io.herokupg.connect.config.ResilienceFragment;
import io.herokupg.connect.config.TaskConfig;

/**
 * Fresh credentials for a task whose credentials the server refused: the current database URL, fetched from the
 * Platform API once per authentication failure (never per poll: the API allows about 4,500 requests an hour).
 *
 * <p>A task cannot ask the worker to re-resolve its {@code ${heroku:…}} reference: it only ever sees resolved values,
 * and a connector restart (what a provider's TTL triggers) does not restart tasks whose stored configs, which keep
 * the reference, are unchanged. So the task fetches the URL itself, with the connector's heroku.* keys.
 */
public final class CredentialRefresh {
    private static final Logger LOG = LoggerFactory.getLogger(CredentialRefresh.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Optional<ResilienceFragment.HerokuCredentials> source;
    private int failures;

    public CredentialRefresh(Optional<ResilienceFragment.HerokuCredentials> source) {
        this.source = source;
    }

    /**
     * The task config with the current database URL, if the Platform API gives credentials other than the refused
     * ones; empty when there is no source, the API fails, or it still gives the refused credentials.
     */
    public Optional<TaskConfig> refresh(TaskConfig config, ConnectionSettings refused, int taskIndex) {
        failures++;
        if (source.isEmpty()) {
            return Optional.empty();
        }
        ResilienceFragment.HerokuCredentials from = source.get();
        try {
            String url = new HerokuApi(from.apiUrl(), from.token().value(), TIMEOUT).configVars(from.app())
                .get(from.configVar());
            if (url == null || url.isBlank()) {
                LOG.warn("Task {}: the server refused the credentials, and {} is not set", taskIndex, from);
                return Optional.empty();
            }
            TaskConfig fresh = config.withDatabaseUrl(url);
            if (sameCredentials(fresh.connection(), refused)) {
                LOG.warn("Task {}: the server refused the credentials, and {} still holds them", taskIndex, from);
                return Optional.empty();
            }
            LOG.info("Task {}: the server refused the credentials; reconnecting to {} with the current ones from {}",
                taskIndex, fresh.connection().describe(), from);
            return Optional.of(fresh);
        } catch (HerokuApiException | ConfigException e) {
            LOG.warn("Task {}: the server refused the credentials, and fetching {} failed: {}", taskIndex, from,
                e.getMessage());
            return Optional.empty();
        }
    }

    /** Whether the task may back off and try again after this many authentication failures in a row. */
    public boolean canRetry(int maxFailures) {
        return source.isPresent() && failures < maxFailures;
    }

    /** A connection succeeded: the credentials work. */
    public void onSuccess() {
        failures = 0;
    }

    /** What the user can do about refused credentials. */
    public String advice() {
        return source.map(s -> "The credentials from " + s + " were refused too")
            .orElse("To reconnect with rotated credentials by itself, the task needs "
                + ResilienceFragment.HEROKU_APP + " and " + ResilienceFragment.HEROKU_API_TOKEN
                + "; else update the database settings (or the config var a ${heroku:…} reference reads) and"
                + " restart the connector");
    }

    private static boolean sameCredentials(ConnectionSettings a, ConnectionSettings b) {
        return a.host().equals(b.host()) && a.port() == b.port() && a.database().equals(b.database())
            && a.user().equals(b.user()) && Objects.equals(a.password().value(), b.password().value());
    }
}
