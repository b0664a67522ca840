/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.heroku;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.common.config.ConfigData;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.provider.ConfigProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka {@link ConfigProvider} that reads a Heroku app's config vars from the Platform API, so that a connector
 * config may say {@code database.url=${heroku:my-app:DATABASE_URL}} and always get the current credentials. In the
 * worker's config:
 *
 * <pre>
 * config.providers=heroku
 * config.providers.heroku.class=io.herokupg.connect.heroku.HerokuConfigProvider
 * config.providers.heroku.param.api.token=...        (read-protected or global scope)
 * config.providers.heroku.param.ttl.ms=300000        (optional: cache, and ask the worker to reload)
 * config.providers.heroku.param.api.url=...          (optional: the API's address, for tests)
 * </pre>
 *
 * <p>With {@code ttl.ms} above 0, answers are cached that long (the API allows about 4,500 requests an hour) and
 * carry that TTL, so that a worker with {@code config.action.reload=restart} (the default) restarts the connector
 * when it expires. Values are never logged.
 */
public final class HerokuConfigProvider implements ConfigProvider {
    public static final String API_TOKEN = "api.token";
    public static final String API_URL = "api.url";
    public static final String TTL_MS = "ttl.ms";
    public static final String TIMEOUT_MS = "timeout.ms";

    private static final Logger LOG = LoggerFactory.getLogger(HerokuConfigProvider.class);

    private final Clock clock;
    private final Map<String, Fetched> cache = new ConcurrentHashMap<>();
    private HerokuApi api;
    private long ttlMs;

    public HerokuConfigProvider() {
        this(Clock.systemUTC());
    }

    HerokuConfigProvider(Clock clock) {
        this.clock = clock;
    }

    private record Fetched(Map<String, String> vars, long expiresAtMs) {
    }

    @Override
    public void configure(Map<String, ?> configs) {
        Object token = configs.get(API_TOKEN);
        if (token == null || token.toString().isBlank()) {
            throw new ConfigException("The heroku config provider needs its " + API_TOKEN + " parameter"
                + " (config.providers.heroku.param." + API_TOKEN + "): a Heroku API token with the read-protected"
                + " or global scope");
        }
        ttlMs = longParam(configs, TTL_MS, 0L);
        long timeoutMs = longParam(configs, TIMEOUT_MS, 10_000L);
        Object url = configs.get(API_URL);
        api = new HerokuApi(url == null ? null : url.toString(), token.toString(), Duration.ofMillis(timeoutMs));
    }

    private static long longParam(Map<String, ?> configs, String name, long defaultValue) {
        Object value = configs.get(name);
        if (value == null || value.toString().isBlank()) {
            return defaultValue;
        }
        try {
            long parsed = Long.parseLong(value.toString().trim());
            if (parsed < 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new ConfigException("The heroku config provider's " + name + " parameter must be a number of"
                + " milliseconds, 0 or more; it is '" + value + "'");
        }
    }

    /** All config vars of the app named by the path. */
    @Override
    public ConfigData get(String path) {
        Fetched fetched = fetch(path);
        return data(new HashMap<>(fetched.vars()), fetched);
    }

    /** The named config vars of the app named by the path; a var the app does not have is an error. */
    @Override
    public ConfigData get(String path, Set<String> keys) {
        Fetched fetched = fetch(path);
        Map<String, String> data = new HashMap<>();
        for (String key : keys) {
            if (!fetched.vars().containsKey(key)) {
                throw new ConfigException("Heroku app '" + path + "' has no config var " + key);
            }
            data.put(key, fetched.vars().get(key));
        }
        return data(data, fetched);
    }

    private ConfigData data(Map<String, String> data, Fetched fetched) {
        if (ttlMs <= 0) {
            return new ConfigData(data);
        }
        return new ConfigData(data, Math.max(1L, fetched.expiresAtMs() - clock.millis()));
    }

    private Fetched fetch(String app) {
        if (api == null) {
            throw new IllegalStateException("the heroku config provider is not configured");
        }
        if (app == null || app.isBlank()) {
            throw new ConfigException("A ${heroku:…} reference must name an app: ${heroku:<app>:DATABASE_URL}");
        }
        long now = clock.millis();
        Fetched cached = cache.get(app);
        if (cached != null && cached.expiresAtMs() > now) {
            return cached;
        }
        Map<String, String> vars;
        try {
            vars = api.configVars(app);
        } catch (HerokuApiException e) {
            throw new ConfigException(e.getMessage());
        }
        LOG.info("Fetched the {} config vars of Heroku app '{}' from the Platform API", vars.size(), app);
        Fetched fetched = new Fetched(Map.copyOf(withoutNulls(vars)), now + ttlMs);
        if (ttlMs > 0) {
            cache.put(app, fetched);
        }
        return fetched;
    }

    private static Map<String, String> withoutNulls(Map<String, String> vars) {
        Map<String, String> copy = new HashMap<>(vars);
        copy.values().removeIf(v -> v == null);
        return copy;
    }

    /** Forgets cached config vars, so that the next {@link #get} asks the API (after an authentication failure). */
    public void invalidate(String app) {
        cache.remove(app);
    }

    @Override
    public void close() {
        cache.clear();
    }
}
