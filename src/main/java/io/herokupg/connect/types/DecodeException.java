/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.types;

/**
 * A value the mapping of its column cannot represent, or text that is not what PostgreSQL prints; the message reads
 * after the column's name ("Column s.t.c " + message), and the reader that catches it adds that name.
 */
final class DecodeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DecodeException(String message) {
        super(message);
    }

    DecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
