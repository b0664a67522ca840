/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** The scenarios' percentiles and medians, without a database. */
class DistributionTest {

    @Test
    void nearestRankPercentilesOfAHundredValues() {
        // 100, 99, …, 1: the order given does not matter.
        Distribution d = Distribution.of(IntStream.rangeClosed(1, 100).map(i -> 101 - i).boxed().toList());

        assertThat(d.count()).isEqualTo(100);
        assertThat(d.percentile(50)).isEqualTo(50.0);
        assertThat(d.percentile(90)).isEqualTo(90.0);
        assertThat(d.percentile(99)).isEqualTo(99.0);
        assertThat(d.percentile(99.9)).isEqualTo(100.0);
        assertThat(d.percentile(100)).isEqualTo(100.0);
        assertThat(d.percentile(0.1)).isEqualTo(1.0);
        assertThat(d.median()).isEqualTo(50.5);
        assertThat(d.min()).isEqualTo(1.0);
        assertThat(d.max()).isEqualTo(100.0);
    }

    @Test
    void smallSamples() {
        Distribution three = Distribution.of(3, 1, 2);
        assertThat(three.median()).isEqualTo(2.0);
        assertThat(three.percentile(50)).isEqualTo(2.0);
        assertThat(three.percentile(99)).as("p99 of 3 values is the largest").isEqualTo(3.0);
        assertThat(three.percentile(34)).isEqualTo(2.0);
        assertThat(three.percentile(33)).isEqualTo(1.0);

        assertThat(Distribution.of(List.of(7L)).percentile(99)).isEqualTo(7.0);
        assertThat(Distribution.of(4, 1).median()).isEqualTo(2.5);
    }

    @Test
    void emptySampleHasNoFigures() {
        Distribution empty = Distribution.of();
        assertThat(empty.count()).isZero();
        assertThat(empty.median()).isNaN();
        assertThat(empty.percentile(99)).isNaN();
        assertThat(empty.max()).isNaN();
    }

    @Test
    void percentileOutsideItsRangeIsRefused() {
        assertThatThrownBy(() -> Distribution.of(1).percentile(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Distribution.of(1).percentile(101)).isInstanceOf(IllegalArgumentException.class);
    }
}
