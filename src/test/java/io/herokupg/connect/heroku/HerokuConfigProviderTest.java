/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.heroku;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

import org.apache.kafka.common.config.ConfigData;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.provider.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.herokupg.connect.testing.FakeHerokuApi;
import io.herokupg.connect.testing.MutableClock;

/** The Heroku config provider against a local stand-in of the Platform API. */
class HerokuConfigProviderTest {
    private static final String TOKEN = "hrku-test-token-1234";
    private static final String URL = "postgres://u:p%40ss@ec2-1-2-3-4.compute-1.amazonaws.com:5432/d8x";
    private final FakeHerokuApi api = FakeHerokuApi.start(TOKEN);

    @AfterEach
    void stopApi() {
        api.close();
    }

    private HerokuConfigProvider provider(Clock clock, Map<String, String> params) {
        HerokuConfigProvider provider = new HerokuConfigProvider(clock);
        provider.configure(params);
        return provider;
    }

    @Test
    void resolvesAConfigVarWithTheVersionedAcceptHeaderAndTheBearerToken() {
        api.setConfigVar("my-app", "DATABASE_URL", URL);
        api.setConfigVar("my-app", "OTHER", "quote \" and \\ and / and \n");
        HerokuConfigProvider provider = provider(Clock.systemUTC(), Map.of("api.token", TOKEN, "api.url", api.url()));

        ConfigData data = provider.get("my-app", Set.of("DATABASE_URL"));
        assertThat(data.data()).containsExactly(Map.entry("DATABASE_URL", URL));
        assertThat(data.ttl()).as("no ttl.ms: no reload").isNull();
        assertThat(provider.get("my-app").data()).containsEntry("OTHER", "quote \" and \\ and / and \n");
        assertThat(api.requests()).as("no cache without ttl.ms").isEqualTo(2);
    }

    @Test
    void cachesForTheTtlAndHandsTheRemainingTtlToTheWorker() {
        api.setConfigVar("my-app", "DATABASE_URL", URL);
        MutableClock clock = new MutableClock();
        HerokuConfigProvider provider = provider(clock, Map.of("api.token", TOKEN, "api.url", api.url(),
            "ttl.ms", "60000"));

        assertThat(provider.get("my-app", Set.of("DATABASE_URL")).ttl()).isEqualTo(60_000L);
        clock.advance(Duration.ofSeconds(20));
        assertThat(provider.get("my-app", Set.of("DATABASE_URL")).ttl()).isEqualTo(40_000L);
        assertThat(api.requests()).isEqualTo(1);
        api.setConfigVar("my-app", "DATABASE_URL", URL + "2");
        clock.advance(Duration.ofSeconds(41));
        assertThat(provider.get("my-app", Set.of("DATABASE_URL")).data()).containsEntry("DATABASE_URL", URL + "2");
        assertThat(api.requests()).isEqualTo(2);
        provider.invalidate("my-app");
        provider.get("my-app");
        assertThat(api.requests()).isEqualTo(3);
    }

    @Test
    void refusalsAreExplainedWithoutTheToken() {
        api.setConfigVar("my-app", "DATABASE_URL", URL);
        HerokuConfigProvider wrongToken = provider(Clock.systemUTC(), Map.of("api.token", "wrong-" + TOKEN,
            "api.url", api.url()));
        assertThatThrownBy(() -> wrongToken.get("my-app", Set.of("DATABASE_URL")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("invalid or expired")
            .hasMessageNotContaining(TOKEN);
        HerokuConfigProvider provider = provider(Clock.systemUTC(), Map.of("api.token", TOKEN, "api.url", api.url()));
        assertThatThrownBy(() -> provider.get("no-such-app", Set.of("DATABASE_URL")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("no such app");
        assertThatThrownBy(() -> provider.get("my-app", Set.of("REDIS_URL")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("no config var REDIS_URL");
        assertThatThrownBy(() -> new HerokuConfigProvider().configure(Map.of()))
            .isInstanceOf(ConfigException.class).hasMessageContaining("api.token");
    }

    @Test
    void isRegisteredAsAConfigProvider() {
        assertThat(ServiceLoader.load(ConfigProvider.class).stream().map(p -> p.type().getName()))
            .contains(HerokuConfigProvider.class.getName());
    }

    @Test
    void flatJsonParsesEscapesAndRefusesNesting() {
        assertThat(FlatJson.parseObject(" { \"A\" : \"x\\u0041\\n\", \"B\": null, \"C\": 3 } "))
            .containsEntry("A", "xA\n").containsEntry("B", null).containsEntry("C", "3");
        assertThat(FlatJson.parseObject("{}")).isEmpty();
        assertThatThrownBy(() -> FlatJson.parseObject("{\"A\": {\"x\": 1}}"))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FlatJson.parseObject("{\"A\": \"secret\""))
            .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("secret");
    }
}
