/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifiersTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "orders|\"orders\"",
        "Order Items|\"Order Items\"",
        "select|\"select\"",
        "a.b|\"a.b\"",
        "say \"hi\"|\"say \"\"hi\"\"\"",
        "\"|\"\"\"\"",
        "\"\"|\"\"\"\"\"\"",
        "it's|\"it's\"",
        "表格|\"表格\""})
    void quotesAndDoublesEmbeddedQuotes(String identifier, String expected) {
        assertThat(Identifiers.quote(identifier)).isEqualTo(expected);
    }

    @Test
    void quotesTheEmptyName() {
        assertThat(Identifiers.quote("")).isEqualTo("\"\"");
    }

    @Test
    void quotedIdentifierCannotBeEscaped() {
        // An injection attempt stays inside one identifier: unquoting gives back exactly the input.
        String hostile = "x\"; DROP TABLE orders; --";

        String quoted = Identifiers.quote(hostile);

        assertThat(quoted).startsWith("\"").endsWith("\"");
        String inner = quoted.substring(1, quoted.length() - 1);
        assertThat(inner.replace("\"\"", "")).doesNotContain("\"");
        assertThat(inner.replace("\"\"", "\"")).isEqualTo(hostile);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "42|E'42'",
        "it's|E'it''s'",
        "C:\\dir|E'C:\\\\dir'",
        "\\'; DROP TABLE t; --|E'\\\\''; DROP TABLE t; --'",
        "``|E''",
        "2026-01-01 00:00:00+05:45|E'2026-01-01 00:00:00+05:45'"})
    void writesStringConstantsWithEscapesDoubled(String value, String expected) {
        assertThat(Identifiers.literal(value)).isEqualTo(expected);
    }

    @Test
    void aLiteralCannotBeEscaped() {
        String hostile = "x\\'); DROP TABLE orders; --";
        String literal = Identifiers.literal(hostile);
        String inner = literal.substring(2, literal.length() - 1);
        // Undoing the doubling gives back the input, and no lone quote or backslash is left to end the constant.
        assertThat(inner.replace("''", "").replace("\\\\", "")).doesNotContain("'").doesNotContain("\\");
        assertThat(inner.replace("''", "'").replace("\\\\", "\\")).isEqualTo(hostile);
        assertThatThrownBy(() -> Identifiers.literal("a\0")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\0", "a\0b", "orders\0"})
    void rejectsNul(String identifier) {
        assertThatThrownBy(() -> Identifiers.quote(identifier)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tableIdQuotesEachPart() {
        assertThat(new TableId("public", "Order Items").quoted()).isEqualTo("\"public\".\"Order Items\"");
        assertThat(new TableId("my.schema", "a\"b").quoted()).isEqualTo("\"my.schema\".\"a\"\"b\"");
        assertThat(new TableId("", "").quoted()).isEqualTo("\"\".\"\"");
    }

    @Test
    void tableIdWithNulCannotBeQuoted() {
        assertThatThrownBy(() -> new TableId("public", "a\0").quoted()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TableId("\0", "a").quoted()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tableIdRejectsNullParts() {
        assertThatThrownBy(() -> new TableId(null, "t")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new TableId("s", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void tableIdToStringIsUnquoted() {
        assertThat(new TableId("public", "Order Items")).hasToString("public.Order Items");
    }

    @Test
    void tableIdsSortBySchemaThenTable() {
        List<TableId> ids = new ArrayList<>(List.of(new TableId("b", "a"), new TableId("a", "z"),
            new TableId("a", "b"), new TableId("a.b", "a")));
        Collections.reverse(ids);
        Collections.sort(ids);

        assertThat(ids).containsExactly(new TableId("a", "b"), new TableId("a", "z"), new TableId("a.b", "a"),
            new TableId("b", "a"));
    }
}
