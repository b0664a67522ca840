/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.bench;

/**
 * One benchmark scenario ({@code -Dbench.scenarios=…}): prepares its tables, measures real work against the
 * benchmark's database, prints its figures as it goes and returns its section of {@code results.md}.
 */
interface Scenario {

    /** The name {@code bench.scenarios} selects it by. */
    String name();

    /** What it measures, and the target if there is one: the heading of its section. */
    String title();

    /** Runs the scenario; returns its section of results.md (Markdown, without the heading). */
    String run(BenchContext context) throws Exception;

    /** The scenario of a name. */
    static Scenario of(String name) {
        return switch (name) {
            case ThroughputScenario.NAME -> new ThroughputScenario();
            case DiscoveryScenario.NAME -> new DiscoveryScenario();
            case ManyTablesScenario.NAME -> new ManyTablesScenario();
            case IdlePollScenario.NAME -> new IdlePollScenario();
            case EndToEndScenario.NAME -> new EndToEndScenario();
            case CaptureScenario.NAME -> new CaptureScenario();
            case ScaleOutScenario.NAME -> new ScaleOutScenario();
            default -> throw new IllegalArgumentException("unknown benchmark scenario '" + name + "'; known: "
                + String.join(", ", BenchOptions.SCENARIOS));
        };
    }
}
