/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The oldest Kafka Connect the connector supports is the one whose API every class compiles against: the sources
 * of src/main/java are compiled here against connect-api and kafka-clients of {@code kafka.oldest.version} (3.3,
 * which brought KIP-618's ExactlyOnceSupport) and the SLF4J 1.7 such workers ship, copied into
 * target/oldest-connect-api by the POM. Newer APIs may only be used by the guarded classes below, whose linkage
 * failure is caught where they are called; they are taken as compiled (target/classes) instead.
 */
class OldestConnectApiTest {
    /** Used only behind a guard: TaskObserver.create catches the LinkageError of a worker before Kafka 4.1. */
    private static final Set<String> GUARDED = Set.of("io/herokupg/connect/metrics/PluginMetricsRegistry");

    private static final Path SOURCES = Path.of("src", "main", "java");
    private static final Path CLASSES = Path.of("target", "classes");
    private static final Path OLDEST_API = Path.of("target", "oldest-connect-api");

    private static List<String> classpath;

    @TempDir
    static Path work;

    @BeforeAll
    static void oldestApiClasspath() throws IOException {
        List<Path> api;
        try (Stream<Path> jars = Files.list(OLDEST_API)) {
            api = jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
        assertThat(api).extracting(p -> p.getFileName().toString().replaceFirst("-[0-9.]+\\.jar$", ""))
            .as("the oldest API, copied by the POM's copy-oldest-connect-api")
            .containsExactly("connect-api", "kafka-clients", "slf4j-api");
        Path guarded = Files.createDirectories(work.resolve("guarded"));
        for (String name : GUARDED) {
            Path dir = CLASSES.resolve(name).getParent();
            String simple = CLASSES.resolve(name).getFileName().toString();
            try (Stream<Path> classes = Files.list(dir)) {
                for (Path c : classes.filter(p -> p.getFileName().toString().matches(simple + "(\\$.*)?\\.class"))
                    .toList()) {
                    Path target = guarded.resolve(name).resolveSibling(c.getFileName());
                    Files.createDirectories(target.getParent());
                    Files.copy(c, target);
                }
            }
        }
        classpath = new ArrayList<>();
        // The project's other dependencies as the tests have them; Kafka's and SLF4J's only in the oldest versions.
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String unix = entry.replace('\\', '/');
            boolean newerApi = unix.contains("/org/apache/kafka/") || unix.contains("/org/slf4j/slf4j-api/");
            boolean ours = Path.of(entry).toAbsolutePath().startsWith(Path.of("target").toAbsolutePath());
            if (!newerApi && !ours) {
                classpath.add(entry);
            }
        }
        api.forEach(p -> classpath.add(p.toString()));
        classpath.add(guarded.toString());
    }

    @Test
    void everyUnguardedClassCompilesAgainstTheOldestSupportedApi() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            sources = files.filter(p -> p.toString().endsWith(".java"))
                .filter(p -> !GUARDED.contains(SOURCES.relativize(p).toString().replace(File.separatorChar, '/')
                    .replaceFirst("\\.java$", "")))
                .toList();
        }
        assertThat(sources).hasSizeGreaterThan(100);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(null, Locale.ROOT,
            StandardCharsets.UTF_8)) {
            List<String> errors = compile(compiler, files.getJavaFileObjectsFromPaths(sources), "main");
            assertThat(errors).as("src/main/java against the oldest supported API (%s)", OLDEST_API).isEmpty();
        }
    }

    /** The check is only as good as its classpath: a newer API must really be missing from it. */
    @Test
    void theClasspathHasNoNewerApi() {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        String probe = """
            class Probe extends org.apache.kafka.connect.source.SourceConnector {
                Object metrics(org.apache.kafka.connect.source.SourceTaskContext context) {
                    return context.pluginMetrics();
                }
                @Override
                public boolean alterOffsets(java.util.Map<String, String> config,
                                            java.util.Map<java.util.Map<String, ?>, java.util.Map<String, ?>> offsets) {
                    return true;
                }
                public void start(java.util.Map<String, String> props) { }
                public Class<? extends org.apache.kafka.connect.connector.Task> taskClass() { return null; }
                public java.util.List<java.util.Map<String, String>> taskConfigs(int n) { return null; }
                public void stop() { }
                public org.apache.kafka.common.config.ConfigDef config() { return null; }
                public String version() { return null; }
                Object transactions(org.apache.kafka.connect.source.SourceTaskContext context) {
                    return context.transactionContext();
                }
            }
            """;
        JavaFileObject source = new SimpleJavaFileObject(URI.create("string:///Probe.java"),
            JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return probe;
            }
        };
        List<String> errors = compile(compiler, List.of(source), "probe");
        // pluginMetrics() is Kafka 4.1's, alterOffsets 3.6's; transactionContext() (3.3) is there.
        assertThat(errors).hasSize(2).anyMatch(e -> e.contains("pluginMetrics"))
            .anyMatch(e -> e.contains("does not override"));
    }

    private static List<String> compile(JavaCompiler compiler, Iterable<? extends JavaFileObject> sources,
                                        String output) {
        try {
            Files.createDirectories(work.resolve(output));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options = List.of("--release", "17", "-proc:none", "-implicit:none", "-encoding", "UTF-8",
            "-d", work.resolve(output).toString(), "-classpath", String.join(File.pathSeparator, classpath));
        boolean ok = compiler.getTask(null, null, diagnostics, options, null, sources).call();
        List<String> errors = diagnostics.getDiagnostics().stream()
            .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
            .map(d -> (d.getSource() == null ? "" : d.getSource().getName() + ":" + d.getLineNumber() + ": ")
                + d.getMessage(Locale.ROOT))
            .collect(Collectors.toList());
        if (!ok && errors.isEmpty()) {
            errors.add("the compiler failed without an error diagnostic");
        }
        errors.forEach(System.err::println);
        return errors;
    }
}
