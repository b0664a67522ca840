/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

import static io.herokupg.connect.config.ReplicationConfigTest.props;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.herokupg.connect.HerokuPostgresSourceConnector;

/** {@link SplitSettings}: when a table is split and into how many ranges; the two keys and their bounds. */
class SplitSettingsTest {

    @Test
    void theDefaultsSplitFromAMillionRowsIntoSixteenRangesAtMost() {
        SplitSettings split = new SourceConfig(props()).split();

        assertThat(split).isEqualTo(new SplitSettings(1_000_000L, 16));
    }

    @Test
    void theKeysAreRead() {
        SplitSettings split = new SourceConfig(props(SplitFragment.SPLIT_MIN_ROWS, "5000",
            SplitFragment.SPLIT_MAX_RANGES, "256")).split();

        assertThat(split).isEqualTo(new SplitSettings(5000L, 256));
    }

    @ParameterizedTest(name = "{0} rows, {1} tasks -> {2}")
    @CsvSource({
        "999999, 8, 1",
        "1000000, 8, 8",
        "50000000, 8, 8",
        "50000000, 32, 16",
        "50000000, 2, 2",
        "50000000, 1, 1",
        "0, 8, 1",
        "-1, 8, 1"})
    void rangesAreTheFewerOfMaxRangesAndTasksFromTheThreshold(long rows, int tasks, int ranges) {
        assertThat(new SplitSettings(1_000_000L, 16).ranges(rows, tasks)).isEqualTo(ranges);
    }

    @Test
    void oneRangeAtMostSplitsNothing() {
        assertThat(new SplitSettings(1L, 1).ranges(Long.MAX_VALUE, 64)).isEqualTo(1);
        assertThat(new SplitSettings(1L, 2).ranges(1L, 64)).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
        "split.min.rows, 0",
        "split.min.rows, -5",
        "split.min.rows, many",
        "split.max.ranges, 0",
        "split.max.ranges, 257",
        "split.max.ranges, -1",
        "split.max.ranges, 2.5"})
    void outOfBoundsValuesAreRefusedOnTheirKey(String key, String value) {
        Map<String, String> props = props(key, value);

        assertThatThrownBy(() -> new SourceConfig(props)).isInstanceOf(ConfigException.class)
            .hasMessageContaining(key);

        Config validated = new HerokuPostgresSourceConnector().validate(props);
        List<String> errors = validated.configValues().stream().filter(v -> v.name().equals(key))
            .flatMap(v -> v.errorMessages().stream()).toList();
        // A value that is no number also gets Kafka's "must be non-null" from the range check of its null.
        assertThat(errors).as("%s=%s", key, value).isNotEmpty().first().asString().contains(key).contains(value);
        assertThat(validated.configValues()).filteredOn(v -> !v.name().equals(key))
            .flatExtracting(ConfigValue::errorMessages).isEmpty();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"split.min.rows, 1", "split.max.ranges, 1", "split.max.ranges, 256"})
    void theBoundsThemselvesAreAccepted(String key, String value) {
        assertThat(new SourceConfig(props(key, value)).split()).isNotNull();
    }
}
