/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.types;

import org.apache.kafka.connect.errors.ConnectException;

/**
 * A column whose type the connector cannot represent exactly, under {@code unsupported.type.handling=fail}: never
 * silently dropped or stringified (skip and string are explicit choices).
 */
public final class UnsupportedTypeException extends ConnectException {
    private static final long serialVersionUID = 1L;

    public UnsupportedTypeException(String message) {
        super(message);
    }
}
