/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.heroku;

/** The Platform API could not give an app's config vars; the message never holds the token or a value. */
public final class HerokuApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean transientFailure;

    public HerokuApiException(String message, boolean transientFailure) {
        super(message);
        this.transientFailure = transientFailure;
    }

    /** Whether trying again later may help: network trouble, rate limit, server error. */
    public boolean isTransient() {
        return transientFailure;
    }
}
