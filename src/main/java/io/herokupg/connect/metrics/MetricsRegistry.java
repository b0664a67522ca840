/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Where the gauges go: the worker's plugin metrics (KIP-877) or, on older workers, an MBean of our own. */
interface MetricsRegistry extends AutoCloseable {

    /**
     * Registers gauges under the task's tags plus {@code tags} (empty for the task's own metrics).
     *
     * @param descriptions each gauge's description, by name
     */
    void register(LinkedHashMap<String, String> tags, Map<String, String> descriptions,
                  Map<String, Supplier<Object>> gauges);

    /** Removes what {@link #register} registered under these tags. */
    void unregister(LinkedHashMap<String, String> tags);

    /** Removes everything registered. */
    @Override
    void close();
}
