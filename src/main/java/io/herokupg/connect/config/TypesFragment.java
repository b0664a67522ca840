/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

import java.util.Locale;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * Keys that choose how values of some types are represented, named and defaulted like Debezium's where Debezium has
 * them. Every default keeps the value exact.
 */
public final class TypesFragment {
    public static final String GROUP = "Types";

    public static final String DECIMAL_HANDLING_MODE = "decimal.handling.mode";
    public static final String TIME_PRECISION_MODE = "time.precision.mode";
    public static final String INTERVAL_HANDLING_MODE = "interval.handling.mode";
    public static final String BINARY_HANDLING_MODE = "binary.handling.mode";
    public static final String HSTORE_HANDLING_MODE = "hstore.handling.mode";
    public static final String UNSUPPORTED_TYPE_HANDLING = "unsupported.type.handling";
    public static final String METADATA_HEADERS = "metadata.headers.enable";
    public static final String FIELD_NAME_ADJUSTMENT_MODE = "field.name.adjustment.mode";

    private TypesFragment() {
    }

    static ConfigDef define(ConfigDef def) {
        return def
            .define(DECIMAL_HANDLING_MODE, Type.STRING, text(TypeHandling.DecimalMode.PRECISE),
                Validators.oneOfIgnoringCase(TypeHandling.names(TypeHandling.DecimalMode.values())), Importance.MEDIUM,
                "numeric(p,s) and money: precise (Connect Decimal, exact; NaN or ±Infinity in such a column fail the"
                    + " task naming the column), double (FLOAT64, may round; NaN and ±Infinity kept) or string (the"
                    + " exact decimal text, 'NaN', 'Infinity'). numeric without a scale is always its exact text.",
                GROUP, 1, Width.SHORT, "Decimal handling")
            .define(TIME_PRECISION_MODE, Type.STRING, text(TypeHandling.TimeMode.ADAPTIVE_TIME_MICROSECONDS),
                Validators.oneOfIgnoringCase(TypeHandling.names(TypeHandling.TimeMode.values())), Importance.MEDIUM,
                "adaptive_time_microseconds: timestamp and timestamptz as INT64 microseconds since 1970 UTC"
                    + " (io.debezium.time.MicroTimestamp), time as microseconds of the day, date as Connect Date;"
                    + " ±infinity as the largest and smallest values. connect: Connect's Timestamp, Time and Date"
                    + " (milliseconds: microseconds are truncated; ±infinity as the largest and smallest Date).",
                GROUP, 2, Width.MEDIUM, "Time precision")
            .define(INTERVAL_HANDLING_MODE, Type.STRING, text(TypeHandling.IntervalMode.STRING),
                Validators.oneOfIgnoringCase(TypeHandling.names(TypeHandling.IntervalMode.values())), Importance.LOW,
                "string: ISO-8601 with years, months, days and time kept apart (io.debezium.time.Interval, exact)."
                    + " numeric: INT64 microseconds (io.debezium.time.MicroDuration), counting a month as 30 days"
                    + " and a year as 365.25 days, as Debezium does.",
                GROUP, 3, Width.SHORT, "Interval handling")
            .define(BINARY_HANDLING_MODE, Type.STRING, text(TypeHandling.BinaryMode.BYTES),
                Validators.oneOfIgnoringCase(TypeHandling.names(TypeHandling.BinaryMode.values())), Importance.LOW,
                "bytea as bytes (BYTES), base64 (STRING) or hex (STRING, lower case).",
                GROUP, 4, Width.SHORT, "Binary handling")
            .define(HSTORE_HANDLING_MODE, Type.STRING, text(TypeHandling.HstoreMode.MAP),
                Validators.oneOfIgnoringCase(TypeHandling.names(TypeHandling.HstoreMode.values())), Importance.LOW,
                "hstore as a MAP of STRING to optional STRING (map) or as a JSON object text (json).",
                GROUP, 5, Width.SHORT, "hstore handling")
            .define(UNSUPPORTED_TYPE_HANDLING, Type.STRING, text(TypeHandling.UnsupportedMode.FAIL),
                Validators.oneOfIgnoringCase(TypeHandling.names(TypeHandling.UnsupportedMode.values())),
                Importance.LOW,
                "A column of a type the connector cannot map exactly: fail (validation names the column; leave it"
                    + " out with column.exclude.list), skip (leave such columns out, logged) or string (its"
                    + " PostgreSQL text form).",
                GROUP, 6, Width.SHORT, "Unsupported types")
            .define(METADATA_HEADERS, Type.BOOLEAN, false, Importance.LOW,
                "Adds record headers _heroku.extracted_at (epoch ms), _heroku.method, _heroku.table and, for"
                    + " INCREMENTAL, _heroku.key (the replication key's value as text).",
                GROUP, 7, Width.SHORT, "Metadata headers")
            .define(FIELD_NAME_ADJUSTMENT_MODE, Type.STRING, text(TypeHandling.FieldNameMode.NONE),
                Validators.oneOfIgnoringCase(TypeHandling.names(TypeHandling.FieldNameMode.values())),
                Importance.MEDIUM,
                "Field names of keys and values (and of composite types' structs), as Debezium's setting: none (the"
                    + " column names as they are; JsonConverter takes any), avro (each character outside"
                    + " [A-Za-z0-9_] becomes _, and a name starting with a digit gets a leading _: what Avro and"
                    + " Protobuf converters need, e.g. for a column \"Order Total\") or avro_unicode (each such"
                    + " character becomes _uXXXX, its UTF-16 code in hex, so that names stay distinct). Two columns"
                    + " whose adjusted names collide are refused, naming both.",
                GROUP, 8, Width.SHORT, "Field name adjustment");
    }

    static String text(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
