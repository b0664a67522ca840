/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;

/** Parses cron expressions with cron-utils: Quartz syntax (seconds first) or the classic five fields. */
public final class CronExpressions {
    private static final CronParser QUARTZ =
        new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));
    private static final CronParser UNIX =
        new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private CronExpressions() {
    }

    /**
     * The parsed expression.
     *
     * @throws IllegalArgumentException with cron-utils' explanation of what is wrong
     */
    public static Cron parse(String expression) {
        String trimmed = expression.trim();
        Cron cron = trimmed.split("\\s+").length == 5 ? UNIX.parse(trimmed) : QUARTZ.parse(trimmed);
        return cron.validate();
    }
}
