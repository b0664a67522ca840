/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/** Captures everything logged in this JVM (every logger at DEBUG), messages and stack traces, while open. */
public final class LogCapture extends AbstractAppender implements AutoCloseable {
    private final StringBuilder text = new StringBuilder();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final Level previousLevel;
    private final Map<LoggerConfig, Level> previousLevels = new HashMap<>();

    private LogCapture() {
        super("capture", null, null, true, Property.EMPTY_ARRAY);
        Configuration config = context.getConfiguration();
        LoggerConfig root = config.getRootLogger();
        previousLevel = root.getLevel();
        config.getLoggers().values().forEach(l -> previousLevels.put(l, l.getLevel()));
        start();
        root.addAppender(this, Level.DEBUG, null);
        root.setLevel(Level.DEBUG);
        config.getLoggers().values().forEach(l -> l.setLevel(Level.DEBUG));
        context.updateLoggers();
    }

    public static LogCapture begin() {
        return new LogCapture();
    }

    @Override
    public synchronized void append(LogEvent event) {
        text.append(event.getLoggerName()).append(' ').append(event.getMessage().getFormattedMessage()).append('\n');
        if (event.getThrown() != null) {
            StringWriter trace = new StringWriter();
            event.getThrown().printStackTrace(new PrintWriter(trace));
            text.append(trace).append('\n');
        }
    }

    public synchronized String text() {
        return text.toString();
    }

    /** How many times a phrase occurs in a text (such as {@link #text()}), occurrences not overlapping. */
    public static int occurrences(String text, String phrase) {
        Matcher m = Pattern.compile(Pattern.quote(phrase)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Override
    public void close() {
        Configuration config = context.getConfiguration();
        config.getRootLogger().removeAppender(getName());
        config.getRootLogger().setLevel(previousLevel);
        // Every logger back to its level, so that the tests after this one do not log at DEBUG.
        previousLevels.forEach(LoggerConfig::setLevel);
        context.updateLoggers();
        stop();
    }
}
