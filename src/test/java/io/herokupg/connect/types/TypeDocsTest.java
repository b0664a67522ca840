/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.herokupg.connect.catalog.PgType;
import io.herokupg.connect.config.TypeHandling;

/** The README's type table is generated from the registry and must not drift from it. */
class TypeDocsTest {
    private static final Path README = Path.of("README.md");
    private static final String START = "<!-- types-reference:start -->\n";
    private static final String END = "<!-- types-reference:end -->";

    @Test
    void readmeTypeTableMatchesTheRegistry() throws Exception {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        assertThat(start).as("README has the type table markers").isNotNegative();
        assertThat(end).isGreaterThan(start);
        String generated = TypeDocs.markdown();
        if (Boolean.getBoolean("readme.update")) {
            readme = readme.substring(0, start + START.length()) + generated + readme.substring(end);
            Files.writeString(README, readme, StandardCharsets.UTF_8);
        }
        assertThat(readme.substring(start + START.length(), readme.indexOf(END)))
            .as("README.md's type table is stale: run mvn test -Dtest=TypeDocsTest -Dreadme.update=true")
            .isEqualTo(generated);
    }

    @Test
    void everyRegisteredTypeAndKindIsDocumented() {
        Set<String> documented = new HashSet<>();
        Set<PgType.Kind> kinds = EnumSet.noneOf(PgType.Kind.class);
        for (TypeDocs.Row row : TypeDocRows.rows()) {
            row.types().forEach(t -> documented.add(t.name()));
            row.types().forEach(t -> kinds.add(t.kind()));
        }
        assertThat(documented).containsAll(TypeMapper.BUILT_IN.keySet()).containsAll(TypeMapper.EXTENSIONS.keySet());
        assertThat(kinds).containsAll(EnumSet.complementOf(EnumSet.of(PgType.Kind.PSEUDO)));
    }

    @Test
    void theTypesOfARowAreRepresentedAlikeInEveryMode() {
        for (TypeDocs.Row row : TypeDocRows.rows()) {
            for (TypeHandling handling : modes()) {
                Set<String> schemas = new HashSet<>();
                row.types().forEach(t -> schemas.add(TypeDocs.render(t, handling)));
                assertThat(schemas).as("%s under %s", row.label(), handling).hasSize(1);
            }
        }
    }

    @Test
    void modesChangeTheRowsTheyConcern() {
        String table = TypeDocs.markdown();
        assertThat(table).contains("| `timestamp`, `timestamptz` | INT64 `io.debezium.time.MicroTimestamp` |"
            + " `time.precision.mode=connect`: INT64 `Timestamp` |");
        assertThat(table).contains("`decimal.handling.mode=double`: FLOAT64; `decimal.handling.mode=string`: STRING");
        assertThat(table).contains("| `hstore` (any schema, e.g. `heroku_ext`) | MAP of STRING to optional STRING |"
            + " `hstore.handling.mode=json`: STRING `io.debezium.data.Json` |");
        assertThat(table).contains("| fails validation, naming the column | `unsupported.type.handling=skip`:"
            + " column left out (logged); `unsupported.type.handling=string`: STRING |");
        assertThat(table).contains("ARRAY of optional INT32");
    }

    private static Set<TypeHandling> modes() {
        Set<TypeHandling> modes = new HashSet<>(TypeDocs.otherModes().values());
        modes.add(TypeHandling.DEFAULT);
        return modes;
    }
}
