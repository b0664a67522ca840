/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * The exact SQL of the passes a task runs while this is open, values included: the pass engine logs each pass's
 * query at DEBUG ({@code Table schema.table: SELECT …}, logger {@value #LOGGER}), which this turns on for that
 * logger alone and keeps off the console. (The extraction log at INFO shows the values as {@code ?}.)
 */
final class QueryCapture extends AbstractAppender implements AutoCloseable {
    static final String LOGGER = "io.herokupg.connect.read.PassRunner";
    private static final String MARK = ": SELECT ";

    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final List<String> queries = new ArrayList<>();

    private QueryCapture() {
        super("bench-query-capture", null, null, true, Property.EMPTY_ARRAY);
        start();
        Configuration config = context.getConfiguration();
        LoggerConfig logger = new LoggerConfig(LOGGER, Level.DEBUG, false);
        logger.addAppender(this, Level.DEBUG, null);
        config.addLogger(LOGGER, logger);
        context.updateLoggers();
    }

    static QueryCapture begin() {
        return new QueryCapture();
    }

    @Override
    public synchronized void append(LogEvent event) {
        String message = event.getMessage().getFormattedMessage();
        int at = message.indexOf(MARK);
        if (message.startsWith("Table ") && at > 0) {
            queries.add(message.substring(at + 2));
        }
    }

    /** The last query logged. */
    synchronized Optional<String> last() {
        return queries.isEmpty() ? Optional.empty() : Optional.of(queries.get(queries.size() - 1));
    }

    @Override
    public void close() {
        context.getConfiguration().removeLogger(LOGGER);
        context.updateLoggers();
        stop();
    }
}
