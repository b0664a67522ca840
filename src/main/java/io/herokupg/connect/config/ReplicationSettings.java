/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

import java.util.Optional;

/**
 * How one table is replicated.
 *
 * @param method    the replication method
 * @param key       the replication key column, for {@link ReplicationMethod#INCREMENTAL} (present exactly then)
 * @param methodKey the configuration key that set the method (connector-wide or per table), for error messages
 * @param keyKey    the configuration key that set the replication key (when none is set, the one to set), for
 *                  error messages
 */
public record ReplicationSettings(ReplicationMethod method, Optional<String> key, String methodKey, String keyKey) {
}
