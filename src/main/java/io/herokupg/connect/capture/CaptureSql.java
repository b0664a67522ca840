/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.capture;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.herokupg.connect.catalog.Identifiers;
import io.herokupg.connect.catalog.TableId;

/**
 * The SQL that installs and removes change capture (docs/capture.md): a schema the connector owns, holding one
 * append-only log and one trigger function, and on each captured table a row-level trigger
 * ({@code AFTER INSERT OR UPDATE OR DELETE}) and a statement-level one ({@code BEFORE TRUNCATE}). Values in, SQL out;
 * every statement is idempotent, so running an install again (a new table, a new primary key) is safe.
 *
 * <p>The log holds, per change, the table's OID, the operation ({@code I}, {@code U}, {@code D}, {@code T}), the
 * primary key as a JSON object and the time it was logged; a TRUNCATE logs a {@code T} entry per row it removes. The
 * transaction that made the change is the entry's {@code xmin}. An update that moves the primary key is a delete of
 * the old key and an insert of the new one. The function reads the key's columns by name from the row as JSON
 * ({@code to_jsonb}), so a write never fails because of capture: after a key column was renamed, the entry holds the
 * whole row, and the connector asks for the trigger to be installed again. It runs as its owner
 * ({@code SECURITY DEFINER}, with a fixed {@code search_path}): the application's roles need no right on the log.
 * Plain PL/pgSQL: no extension, no superuser, so it installs with the owner credential on every Heroku plan.
 */
public final class CaptureSql {
    /** The default schema of the log ({@code capture.schema}). */
    public static final String DEFAULT_SCHEMA = "herokupg_capture";
    /** The log's table. */
    public static final String LOG = "log";
    /** The trigger function. */
    public static final String FUNCTION = "record_change";
    /** The function that reads a key out of a row's JSON. */
    public static final String KEY_FUNCTION = "key_of";
    /** The operation of the entry an install writes: capture of the table starts (again) there. */
    public static final char INSTALLED = 'R';
    /** The row-level trigger on a captured table. */
    public static final String ROW_TRIGGER = "herokupg_capture";
    /** The statement-level trigger (TRUNCATE) on a captured table. */
    public static final String TRUNCATE_TRIGGER = "herokupg_capture_truncate";

    private final String schema;

    /** The SQL for a log in this schema. */
    public CaptureSql(String schema) {
        this.schema = schema;
    }

    /** The log's name, quoted. */
    public String log() {
        return Identifiers.quote(schema) + "." + Identifiers.quote(LOG);
    }

    private String function() {
        return Identifiers.quote(schema) + "." + Identifiers.quote(FUNCTION);
    }

    /**
     * The statements that create the schema, the log and the trigger function, and grant what a reading role needs
     * (read the log, and delete from it what Connect has committed), when one is named.
     */
    public List<String> installLog(Optional<String> readerRole) {
        String log = log();
        String body = String.join("\n",
            "DECLARE",
            "  old_key jsonb;",
            "  new_key jsonb;",
            "BEGIN",
            "  IF TG_LEVEL = 'STATEMENT' THEN",
            // A TRUNCATE, before it runs: an entry per row it removes, so that each key gets its tombstone.
            "    EXECUTE format('INSERT INTO " + log.replace("'", "''") + " (relid, op, key) SELECT $1, ''T'', "
                + keyOf().replace("'", "''") + "(to_jsonb(r), $2) FROM %I.%I r', TG_TABLE_SCHEMA, TG_TABLE_NAME)",
            "      USING TG_RELID, TG_ARGV;",
            "    RETURN NULL;",
            "  END IF;",
            "  IF TG_OP <> 'INSERT' THEN",
            "    old_key := " + keyOf() + "(to_jsonb(OLD), TG_ARGV);",
            "  END IF;",
            "  IF TG_OP <> 'DELETE' THEN",
            "    new_key := " + keyOf() + "(to_jsonb(NEW), TG_ARGV);",
            "  END IF;",
            "  IF TG_OP = 'UPDATE' AND old_key IS DISTINCT FROM new_key THEN",
            "    INSERT INTO " + log + " (relid, op, key) VALUES (TG_RELID, 'D', old_key), (TG_RELID, 'I', new_key);",
            "  ELSE",
            "    INSERT INTO " + log + " (relid, op, key)",
            "      VALUES (TG_RELID, left(TG_OP, 1), coalesce(new_key, old_key));",
            "  END IF;",
            "  RETURN NULL;",
            "END");
        List<String> statements = new ArrayList<>(List.of(
            "CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(schema),
            "CREATE TABLE IF NOT EXISTS " + log + " (relid oid NOT NULL, op \"char\" NOT NULL, key jsonb NOT NULL,"
                + " logged_at timestamptz NOT NULL DEFAULT now())",
            "CREATE INDEX IF NOT EXISTS " + Identifiers.quote(LOG + "_relid_key") + " ON " + log + " (relid, key)",
            // The key's columns as a JSON object; the whole row when one is missing (renamed, dropped), so that the
            // connector can still find the row once the trigger names the new key.
            // PL/pgSQL, not SQL: an SQL function's body is parsed and planned again in every transaction (two
            // thirds of the triggers' cost, measured by the capture benchmark), a PL/pgSQL one's once per session.
            "CREATE OR REPLACE FUNCTION " + keyOf() + "(r jsonb, names text[]) RETURNS jsonb LANGUAGE plpgsql"
                + " IMMUTABLE SET search_path = pg_catalog, pg_temp AS " + dollarQuoted(String.join("\n",
                "DECLARE",
                "  k jsonb := '{}';",
                "  n text;",
                "BEGIN",
                "  FOREACH n IN ARRAY names LOOP",
                "    IF NOT r ? n THEN",
                "      RETURN r;",
                "    END IF;",
                "    k := k || jsonb_build_object(n, r -> n);",
                "  END LOOP;",
                "  RETURN k;",
                "END")),
            "CREATE OR REPLACE FUNCTION " + function() + "() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER"
                + " SET search_path = pg_catalog, pg_temp AS " + dollarQuoted(body),
            "REVOKE ALL ON FUNCTION " + function() + "() FROM PUBLIC"));
        readerRole.map(Identifiers::quote).ifPresent(role -> {
            statements.add("GRANT USAGE ON SCHEMA " + Identifiers.quote(schema) + " TO " + role);
            statements.add("GRANT SELECT, DELETE ON " + log + " TO " + role);
        });
        return statements;
    }

    private String keyOf() {
        return Identifiers.quote(schema) + "." + Identifiers.quote(KEY_FUNCTION);
    }

    /** The statements that capture a table's changes, its primary key's columns named in key order. */
    public List<String> installTable(TableId table, List<String> primaryKey) {
        if (primaryKey.isEmpty()) {
            throw new IllegalArgumentException("Table " + table + " has no primary key: its changes cannot be"
                + " captured by key");
        }
        String arguments = primaryKey.stream().map(Identifiers::literal).collect(Collectors.joining(", "));
        return List.of(
            dropTrigger(ROW_TRIGGER, table),
            "CREATE TRIGGER " + Identifiers.quote(ROW_TRIGGER) + " AFTER INSERT OR UPDATE OR DELETE ON "
                + table.quoted() + " FOR EACH ROW EXECUTE PROCEDURE " + function() + "(" + arguments + ")",
            dropTrigger(TRUNCATE_TRIGGER, table),
            "CREATE TRIGGER " + Identifiers.quote(TRUNCATE_TRIGGER) + " BEFORE TRUNCATE ON " + table.quoted()
                + " FOR EACH STATEMENT EXECUTE PROCEDURE " + function() + "(" + arguments + ")",
            // Capture (re)starts here: what changed before is not in the log, so a connector past this point loads
            // the table again.
            "INSERT INTO " + log() + " (relid, op, key) VALUES (" + Identifiers.literal(table.quoted())
                + "::regclass, '" + INSTALLED + "', '{}')");
    }

    /** The statements that stop capturing a table's changes (its entries in the log stay until pruned). */
    public List<String> uninstallTable(TableId table) {
        return List.of(dropTrigger(ROW_TRIGGER, table), dropTrigger(TRUNCATE_TRIGGER, table));
    }

    /**
     * The statement that removes capture altogether: the schema with the log and the function, and with them (they
     * depend on the function) the triggers of every captured table.
     */
    public String uninstall() {
        return "DROP SCHEMA IF EXISTS " + Identifiers.quote(schema) + " CASCADE";
    }

    /**
     * One script that installs capture for these tables (each with its primary key's columns, in key order) and grants
     * a reading role what it needs, if one is named: statements ending with {@code ;}, one per line.
     */
    public String installScript(Optional<String> readerRole, Map<TableId, List<String>> tables) {
        return script(install(readerRole, tables));
    }

    /** The statements of {@link #installScript}: the log's, then each table's. */
    public List<String> install(Optional<String> readerRole, Map<TableId, List<String>> tables) {
        List<String> statements = new ArrayList<>(installLog(readerRole));
        tables.forEach((table, key) -> statements.addAll(installTable(table, key)));
        return statements;
    }

    /** One script that stops capturing these tables' changes, then removes the log, its function and its schema. */
    public String uninstallScript(Collection<TableId> tables) {
        List<String> statements = new ArrayList<>();
        tables.forEach(table -> statements.addAll(uninstallTable(table)));
        statements.add(uninstall());
        return script(statements);
    }

    private static String script(List<String> statements) {
        return statements.stream().map(s -> s + ";").collect(Collectors.joining("\n"));
    }

    private static String dropTrigger(String trigger, TableId table) {
        return "DROP TRIGGER IF EXISTS " + Identifiers.quote(trigger) + " ON " + table.quoted();
    }

    /** A function body between dollar quotes whose tag the body does not contain. */
    private static String dollarQuoted(String body) {
        String tag = "$herokupg$";
        if (body.contains(tag)) {
            throw new IllegalArgumentException("the function body contains its dollar-quote tag");
        }
        return tag + "\n" + body + "\n" + tag;
    }
}
