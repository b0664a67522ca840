/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the types that columns use from {@code pg_type}, with everything they are made of: the element type of an
 * array, the base type of a domain, the fields of a composite, the labels of an enum. A few queries per discovery,
 * repeated only as deep as types nest.
 */
final class PgTypeLoader {
    private static final int MAX_DEPTH = 32;

    private static final String TYPES_SQL = """
        SELECT t.oid, t.typname, n.nspname, t.typtype, t.typinput = 'array_in'::regproc, t.typdelim, t.typelem,
               t.typbasetype, t.typtypmod, t.typrelid
        FROM pg_catalog.pg_type t
        JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
        WHERE t.oid = ANY (string_to_array(?, ',')::oid[])
        """;

    private static final String ATTRIBUTES_SQL = """
        SELECT a.attrelid, a.attname, a.atttypid, a.atttypmod
        FROM pg_catalog.pg_attribute a
        WHERE a.attrelid = ANY (string_to_array(?, ',')::oid[]) AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY a.attrelid, a.attnum
        """;

    private static final String LABELS_SQL = """
        SELECT e.enumtypid, e.enumlabel
        FROM pg_catalog.pg_enum e
        WHERE e.enumtypid = ANY (string_to_array(?, ',')::oid[])
        ORDER BY e.enumtypid, e.enumsortorder
        """;

    /** One row of pg_type. */
    private record Raw(long oid, String name, String schema, char typtype, boolean array, char delimiter,
                       long element, long baseType, int baseTypmod, long relid) {
    }

    /** A type used with a modifier: a column's, an attribute's. */
    private record Use(long oid, int typmod) {
    }

    private record RawAttribute(String name, long type, int typmod) {
    }

    private final Map<Long, Raw> types = new HashMap<>();
    private final Map<Long, List<RawAttribute>> attributes = new HashMap<>();
    private final Map<Long, List<String>> labels = new HashMap<>();
    private final Map<Use, PgType> built = new HashMap<>();
    private int moneyDigits = -1;

    private PgTypeLoader() {
    }

    /** Loads the given type OIDs and all they are made of; then {@link #type} builds each use. */
    static PgTypeLoader load(Connection conn, Collection<Long> oids) throws SQLException {
        PgTypeLoader loader = new PgTypeLoader();
        Set<Long> pending = new HashSet<>(oids);
        for (int depth = 0; !pending.isEmpty(); depth++) {
            if (depth > MAX_DEPTH) {
                throw new SQLException("types nest more than " + MAX_DEPTH + " levels deep: " + pending);
            }
            pending = loader.loadRound(conn, pending);
        }
        loader.loadLabels(conn);
        loader.loadMoneyDigits(conn);
        return loader;
    }

    /** Loads one round of types; returns the OIDs they refer to that are not loaded yet. */
    private Set<Long> loadRound(Connection conn, Set<Long> oids) throws SQLException {
        List<Long> composites = new ArrayList<>();
        Set<Long> next = new HashSet<>();
        try (PreparedStatement st = prepare(conn, TYPES_SQL, oids); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                Raw raw = new Raw(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4).charAt(0),
                    rs.getBoolean(5), rs.getString(6).charAt(0), rs.getLong(7), rs.getLong(8), rs.getInt(9),
                    rs.getLong(10));
                types.put(raw.oid(), raw);
                refer(next, raw.typtype() == 'd' ? raw.baseType() : 0);
                refer(next, raw.array() ? raw.element() : 0);
                if (raw.typtype() == 'c') {
                    composites.add(raw.relid());
                }
            }
        }
        if (!composites.isEmpty()) {
            try (PreparedStatement st = prepare(conn, ATTRIBUTES_SQL, composites); ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    attributes.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                        .add(new RawAttribute(rs.getString(2), rs.getLong(3), rs.getInt(4)));
                    refer(next, rs.getLong(3));
                }
            }
        }
        next.removeAll(types.keySet());
        return next;
    }

    private static void refer(Set<Long> next, long oid) {
        if (oid != 0) {
            next.add(oid);
        }
    }

    private void loadLabels(Connection conn) throws SQLException {
        List<Long> enums = types.values().stream().filter(t -> t.typtype() == 'e').map(Raw::oid).toList();
        if (enums.isEmpty()) {
            return;
        }
        try (PreparedStatement st = prepare(conn, LABELS_SQL, enums); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                labels.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
        }
    }

    /** money's scale depends on the session's lc_monetary: read it once, as the value readers will see it. */
    private void loadMoneyDigits(Connection conn) throws SQLException {
        boolean money = types.values().stream().anyMatch(t -> "money".equals(t.name())
            && "pg_catalog".equals(t.schema()));
        if (money) {
            try (Statement st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT pg_catalog.scale('1'::pg_catalog.money::pg_catalog.numeric)")) {
                rs.next();
                moneyDigits = rs.getInt(1);
            }
        }
    }

    private static PreparedStatement prepare(Connection conn, String sql, Collection<Long> oids) throws SQLException {
        PreparedStatement st = conn.prepareStatement(sql);
        st.setString(1, oids.stream().map(String::valueOf).collect(Collectors.joining(",")));
        return st;
    }

    /** The type of OID {@code oid} used with modifier {@code typmod}, domains resolved. */
    PgType type(long oid, int typmod) {
        return type(new Use(oid, typmod), 0);
    }

    private PgType type(Use use, int depth) {
        PgType known = built.get(use);
        if (known != null) {
            return known;
        }
        Raw raw = types.get(use.oid());
        if (raw == null || depth > MAX_DEPTH) {
            throw new IllegalStateException("type " + use.oid() + " was not loaded");
        }
        PgType type;
        if (raw.typtype() == 'd') {
            // A domain's own modifier (e.g. numeric(10,2)) is the one that applies to its base type.
            type = type(new Use(raw.baseType(), raw.baseTypmod()), depth + 1);
        } else {
            type = build(raw, use.typmod(), depth);
        }
        built.put(use, type);
        return type;
    }

    private PgType build(Raw raw, int typmod, int depth) {
        Optional<PgType> element = raw.array() ? Optional.of(type(new Use(raw.element(), typmod), depth + 1))
            : Optional.empty();
        List<PgType.Attribute> fields = new ArrayList<>();
        for (RawAttribute attribute : attributes.getOrDefault(raw.relid(), List.of())) {
            fields.add(new PgType.Attribute(attribute.name(),
                type(new Use(attribute.type(), attribute.typmod()), depth + 1)));
        }
        boolean money = "money".equals(raw.name()) && "pg_catalog".equals(raw.schema());
        return new PgType(raw.oid(), raw.name(), raw.schema(), typmod, kind(raw), raw.delimiter(), element, fields,
            labels.getOrDefault(raw.oid(), List.of()), money ? moneyDigits : -1);
    }

    private static PgType.Kind kind(Raw raw) {
        if (raw.array()) {
            return PgType.Kind.ARRAY;
        }
        return switch (raw.typtype()) {
            case 'c' -> PgType.Kind.COMPOSITE;
            case 'e' -> PgType.Kind.ENUM;
            case 'r' -> PgType.Kind.RANGE;
            case 'm' -> PgType.Kind.MULTIRANGE;
            case 'p' -> PgType.Kind.PSEUDO;
            default -> PgType.Kind.BASE;
        };
    }
}
