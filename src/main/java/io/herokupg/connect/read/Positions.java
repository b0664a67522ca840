/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.read;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.RandomAccess;

import org.apache.kafka.connect.data.Struct;

import io.herokupg.connect.catalog.ColumnInfo;
import io.herokupg.connect.catalog.Identifiers;
import io.herokupg.connect.types.CopyRow;
import io.herokupg.connect.types.RecordBuilder;

/**
 * Where a pass finds each row's position (its lead, the replication key or transaction id, if the order has one,
 * then the primary key), as the text PostgreSQL casts back to the value: from the row's own value where the
 * record's field prints as PostgreSQL does (integers, text, uuid), else from an expression the query selects as text
 * after the table's columns. The lead may also be selected only for the records' headers.
 */
final class Positions {
    /** Expressions selected as text after the table's columns, in order. */
    private final List<String> selected;
    /** For each value of the position: the value field it prints (>= 0), or the selected field (-1 - index). */
    private final int[] sources;
    /** The selected field of the lead, or -1. */
    private final int lead;
    private final int columns;
    /** The selected field of a change's operation (CAPTURE), or -1. */
    private final int op;

    private Positions(List<String> selected, int[] sources, int lead, int columns, int op) {
        this.selected = List.copyOf(selected);
        this.sources = sources;
        this.lead = lead;
        this.columns = columns;
        this.op = op;
    }

    /**
     * The positions of a table's rows: {@code lead} (an SQL expression) first when {@code leadInPosition}, then the
     * primary key; the lead selected also when {@code leadSelected} (for headers).
     */
    static Positions of(RecordBuilder builder, Optional<String> lead, boolean leadInPosition, boolean leadSelected) {
        return of(builder, builder.table().id().quoted(), lead, leadInPosition, leadSelected);
    }

    /** {@link #of(RecordBuilder, Optional, boolean, boolean)}, primary-key columns qualified by {@code qualifier}. */
    static Positions of(RecordBuilder builder, String qualifier, Optional<String> lead, boolean leadInPosition,
                        boolean leadSelected) {
        List<String> selected = new ArrayList<>();
        List<Integer> sources = new ArrayList<>();
        int leadField = -1;
        if (lead.isPresent() && (leadInPosition || leadSelected)) {
            leadField = selected.size();
            selected.add(lead.get());
            if (leadInPosition) {
                sources.add(-1 - leadField);
            }
        }
        for (ColumnInfo column : builder.table().primaryKeyColumns()) {
            int field = builder.printsAsPostgres(column.name());
            if (field >= 0) {
                sources.add(field);
            } else {
                sources.add(-1 - selected.size());
                selected.add(qualifier + "." + Identifiers.quote(column.name()));
            }
        }
        return new Positions(selected, sources.stream().mapToInt(Integer::intValue).toArray(), leadField,
            builder.columnCount(), -1);
    }

    /** These positions, with the operation of each change (CAPTURE) selected last, from this expression. */
    Positions withOp(String expression) {
        List<String> more = new ArrayList<>(selected);
        more.add(expression);
        return new Positions(more, sources, lead, columns, selected.size());
    }

    /** The operation of a change ({@link #withOp}), or null when it is not selected. */
    String op(CopyRow row) {
        return op < 0 ? null : row.text(columns + op);
    }

    /** The expressions to select as text after the table's columns. */
    List<String> selected() {
        return selected;
    }

    /** The fields of a row: the table's columns, then {@link #selected()}. */
    int fieldCount() {
        return columns + selected.size();
    }

    /** The values of a position. */
    int width() {
        return sources.length;
    }

    /**
     * The position of a row, whose value the record builder made of it. Values taken from the record are printed
     * only when read: most positions end in offsets that Connect never serializes.
     */
    List<String> of(CopyRow row, Struct value) {
        Object[] position = new Object[sources.length];
        for (int i = 0; i < position.length; i++) {
            int source = sources[i];
            position[i] = source >= 0 ? value.get(value.schema().fields().get(source)) : row.text(columns - 1 - source);
        }
        return new Position(position);
    }

    /** A position whose values print ({@link String#valueOf}) as PostgreSQL's text of them. */
    private static final class Position extends AbstractList<String> implements RandomAccess {
        private final Object[] values;

        Position(Object[] values) {
            this.values = values;
        }

        @Override
        public String get(int index) {
            return String.valueOf(values[index]);
        }

        @Override
        public int size() {
            return values.length;
        }
    }

    /** The lead's text in a row, or null when it is not selected. */
    String lead(CopyRow row) {
        return lead < 0 ? null : row.text(columns + lead);
    }
}
