/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

import org.apache.kafka.common.config.ConfigException;

/**
 * A configuration error that knows the key at fault, so that {@code Connector.validate()} can attach it to that key.
 * The message never contains a secret.
 */
public final class KeyedConfigException extends ConfigException {
    private static final long serialVersionUID = 1L;

    private final String key;
    private final String problem;

    public KeyedConfigException(String key, String problem) {
        super("Invalid configuration " + key + ": " + problem);
        this.key = key;
        this.problem = problem;
    }

    /** The key at fault. */
    public String key() {
        return key;
    }

    /** What is wrong, without the key's name (for a message shown beside the key). */
    public String problem() {
        return problem;
    }
}
