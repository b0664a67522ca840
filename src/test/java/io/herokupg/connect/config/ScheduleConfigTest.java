/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScheduleConfigTest {

    private static Map<String, String> base() {
        Map<String, String> props = new HashMap<>();
        props.put("database.hostname", "localhost");
        props.put("database.dbname", "db");
        props.put("database.user", "u");
        props.put("poll.interval.ms", "21600000");
        return props;
    }

    @Test
    void theDefaultIsThePollInterval() {
        ScheduleSettings schedule = new SourceConfig(base()).schedule("public", "orders");

        assertThat(schedule.interval()).isEqualTo(Duration.ofHours(6));
        assertThat(schedule.anchor()).isEmpty();
        assertThat(schedule.cron()).isEmpty();
        assertThat(schedule.zone()).isEqualTo(ZoneId.of("UTC"));
    }

    @Test
    void anAnchorWithZIsInUtcWhateverTheTimeZone() {
        Map<String, String> props = base();
        props.put("schedule.anchor.time", "02:00Z");
        props.put("schedule.timezone", "Europe/Paris");

        ScheduleSettings schedule = new SourceConfig(props).schedule("public", "orders");
        assertThat(schedule.anchor()).contains(LocalTime.of(2, 0));
        assertThat(schedule.zone()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void aTableCanHaveItsOwnCronAndZone() {
        Map<String, String> props = base();
        props.put("table.public.orders.schedule.cron", "0 0 2 * * ?");
        props.put("table.public.orders.schedule.timezone", "America/New_York");
        SourceConfig config = new SourceConfig(props);

        assertThat(config.schedule("public", "orders").cron()).contains("0 0 2 * * ?");
        assertThat(config.schedule("public", "orders").zone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(config.schedule("public", "other").cron()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "schedule.cron | every day at two",
        "schedule.cron | 0 0 25 * * ?",
        "schedule.anchor.time | 25:00",
        "schedule.anchor.time | two o'clock",
        "schedule.timezone | Mars/Olympus_Mons"})
    void invalidScheduleValuesAreRejectedOnTheirKey(String key, String value) {
        Map<String, String> props = base();
        props.put(key, value);

        assertThatThrownBy(() -> new SourceConfig(props)).isInstanceOf(ConfigException.class).hasMessageContaining(key);
    }

    @Test
    void cronAndAnchorTogetherAreAnErrorOnTheCron() {
        Map<String, String> props = base();
        props.put("schedule.anchor.time", "02:00");
        props.put("table.public.orders.schedule.cron", "0 0 2 * * ?");

        assertThatThrownBy(() -> new SourceConfig(props)).isInstanceOfSatisfying(KeyedConfigException.class,
            e -> assertThat(e.key()).isEqualTo("table.public.orders.schedule.cron"));
    }
}
