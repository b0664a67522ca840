/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The parsers of array, composite and hstore literals, on text as PostgreSQL prints it. */
class LiteralsTest {

    @Test
    void arrayElementsAreUnquotedQuotedOrNull() {
        assertThat(Literals.array("{1,2,3}", ',')).containsExactly("1", "2", "3");
        assertThat(Literals.array("{}", ',')).isEmpty();
        assertThat(Literals.array("{NULL,null,\"NULL\",\"\"}", ',')).containsExactly(null, null, "NULL", "");
        assertThat(Literals.array("{\"a b\",\"c,d\",\"e\\\"f\",\"g\\\\h\",\"{x}\"}", ','))
            .containsExactly("a b", "c,d", "e\"f", "g\\h", "{x}");
        assertThat(Literals.array("{ spaced , x }", ',')).containsExactly("spaced", "x");
        assertThat(Literals.array("{žluťoučký,🐎}", ',')).containsExactly("žluťoučký", "🐎");
    }

    @Test
    void arrayLowerBoundsAreSkipped() {
        assertThat(Literals.array("[0:2]={7,8,9}", ',')).containsExactly("7", "8", "9");
        assertThat(Literals.array("[-3:-3]={\"x=y\"}", ',')).containsExactly("x=y");
    }

    @Test
    void theElementTypesDelimiterSeparates() {
        // box prints commas inside its elements and separates them with ';'.
        assertThat(Literals.array("{(3,4),(1,2);(0,0),(-1,-1)}", ';')).containsExactly("(3,4),(1,2)", "(0,0),(-1,-1)");
    }

    @Test
    void elementsHoldingCompositesAndRanges() {
        List<String> elements = Literals.array("{\"(1,\\\"a b\\\",)\",NULL,\"[1,5)\"}", ',');
        assertThat(elements).containsExactly("(1,\"a b\",)", null, "[1,5)");
        assertThat(Literals.record(elements.get(0))).containsExactly("1", "a b", null);
    }

    @Test
    void multiDimensionalArraysAreRefusedNamingTheWayOut() {
        for (String text : new String[] {"{{1,2},{3,4}}", "[1:2][3:4]={{1,2},{3,4}}", "{{}}"}) {
            assertThatThrownBy(() -> Literals.array(text, ',')).isInstanceOf(DecodeException.class)
                .hasMessageContaining("multi-dimensional").hasMessageContaining("column.exclude.list");
        }
    }

    @Test
    void malformedArraysAreRefused() {
        for (String text : new String[] {"1,2", "{1,2", "{1,,2}", "{\"a}", "{1}x", "[1:2]{1,2}"}) {
            assertThatThrownBy(() -> Literals.array(text, ',')).as(text).isInstanceOf(DecodeException.class);
        }
    }

    @Test
    void recordFieldsAreEmptyForNullAndQuotedForTheEmptyString() {
        assertThat(Literals.record("(1,,\"\",\"a b\")")).containsExactly("1", null, "", "a b");
        assertThat(Literals.record("(,)")).containsExactly(null, null);
        assertThat(Literals.record("()")).isEmpty();
        assertThat(Literals.record("(\"x\"\"y\",\"back\\\\slash\",\"(nested,\"\"q\"\")\")"))
            .containsExactly("x\"y", "back\\slash", "(nested,\"q\")");
        assertThat(Literals.record("(\"{1,2,NULL}\",\"{\"\"a b\"\"}\")")).containsExactly("{1,2,NULL}", "{\"a b\"}");
        assertThat(Literals.record("(\"\"\"\")")).containsExactly("\"");
    }

    @Test
    void malformedRecordsAreRefused() {
        for (String text : new String[] {"1,2", "(1,2", "(\"a)", "(1)x"}) {
            assertThatThrownBy(() -> Literals.record(text)).as(text).isInstanceOf(DecodeException.class);
        }
    }

    @Test
    void hstorePairsKeepNullValuesAndEscapes() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("a", "1");
        expected.put("b", null);
        expected.put("q\"k", "back\\slash");
        expected.put("", "=>, ");
        assertThat(Literals.hstore("\"a\"=>\"1\", \"b\"=>NULL, \"q\\\"k\"=>\"back\\\\slash\", \"\"=>\"=>, \""))
            .containsExactlyEntriesOf(expected);
        assertThat(Literals.hstore("")).isEmpty();
        assertThat(Literals.hstore("\"NULL\"=>\"NULL\"")).containsEntry("NULL", "NULL");
    }

    @Test
    void malformedHstoresAreRefused() {
        for (String text : new String[] {"\"a\"=>", "\"a\"=\"1\"", "NULL=>\"1\"", "\"a\"=>\"1\" \"b\"=>\"2\""}) {
            assertThatThrownBy(() -> Literals.hstore(text)).as(text).isInstanceOf(DecodeException.class);
        }
    }

    @Test
    void jsonObjectsEscapeQuotesBackslashesAndControlCharacters() {
        Map<String, String> pairs = new LinkedHashMap<>();
        pairs.put("a\"b", "c\\d");
        pairs.put("nl", "x\ny\u0001");
        pairs.put("none", null);
        assertThat(Literals.jsonObject(pairs))
            .isEqualTo("{\"a\\\"b\":\"c\\\\d\",\"nl\":\"x\\u000ay\\u0001\",\"none\":null}");
        assertThat(Literals.jsonObject(Map.of())).isEqualTo("{}");
        assertThat(Arrays.asList(Literals.jsonObject(Map.of("k", "v")))).containsExactly("{\"k\":\"v\"}");
    }
}
