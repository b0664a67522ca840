/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

/** The README's configuration reference is generated from the ConfigDef and must not drift from it. */
class ConfigDocsTest {
    private static final Path README = Path.of("README.md");
    private static final String START = "<!-- config-reference:start -->\n";
    private static final String END = "<!-- config-reference:end -->";

    @Test
    void readmeReferenceMatchesTheConfigDef() throws Exception {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        assertThat(start).as("README has the reference markers").isNotNegative();
        assertThat(end).isGreaterThan(start);
        String generated = ConfigDocs.markdown(SourceConfig.CONFIG_DEF);
        if (Boolean.getBoolean("readme.update")) {
            readme = readme.substring(0, start + START.length()) + generated + readme.substring(end);
            Files.writeString(README, readme, StandardCharsets.UTF_8);
        }
        assertThat(readme.substring(start + START.length(), readme.indexOf(END)))
            .as("README.md's configuration reference is stale: run"
                + " mvn test -Dtest=ConfigDocsTest -Dreadme.update=true")
            .isEqualTo(generated);
    }

    @Test
    void everyKeyIsDocumentedInAGroupWithADisplayName() {
        for (ConfigDef.ConfigKey key : SourceConfig.CONFIG_DEF.configKeys().values()) {
            assertThat(key.documentation).as(key.name).isNotBlank();
            assertThat(key.group).as(key.name).isNotBlank();
            assertThat(key.displayName).as(key.name).isNotBlank();
        }
    }

    @Test
    void passwordsAreOfTypePassword() {
        assertThat(SourceConfig.CONFIG_DEF.configKeys().get(ConnectionFragment.PASSWORD).type)
            .isEqualTo(ConfigDef.Type.PASSWORD);
        assertThat(SourceConfig.CONFIG_DEF.configKeys().get(ConnectionFragment.URL).type)
            .isEqualTo(ConfigDef.Type.PASSWORD);
    }
}
