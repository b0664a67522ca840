/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * The hot methods of the task rounds' flight recordings ({@code -Dbench.jfr=true}): execution samples counted by
 * their top frame (self time), by library (time in the JDK's collections or strings is charged to the library that
 * called them: {@code Arrays.copyOfRange} under PgJDBC's text decoding counts as PgJDBC), by the top frame and its
 * nearest caller outside the JDK, and by the nearest frame of the connector's own code
 * (which of our calls the time is spent under). Only the samples taken while the round was reading count (from the
 * task's start to its last record, not the JVM's start-up). Native samples (a thread in native code, e.g. waiting
 * for the server on a socket) are counted apart.
 */
final class JfrHotMethods {
    private static final String OURS = "io.herokupg.connect.";
    private static final String BENCH = "io.herokupg.connect.bench.";
    private static final int TOP = 15;
    /** The JDK's general-purpose code (collections, strings, invoke…): its time is charged to its caller. */
    private static final String GENERIC = "JDK collections, strings, other";
    private static final Pattern LAMBDA = Pattern.compile("\\$\\$Lambda\\$[0-9]+(\\+0x[0-9a-f]+)?(\\.[0-9]+)?");
    private static final Map<String, String> LIBRARIES = new LinkedHashMap<>();

    static {
        LIBRARIES.put("io.herokupg.", "connector");
        LIBRARIES.put("org.postgresql.", "PgJDBC");
        LIBRARIES.put("org.apache.kafka.", "Kafka Connect API");
        LIBRARIES.put("com.zaxxer.", "HikariCP");
        LIBRARIES.put("org.apache.logging.", "logging");
        LIBRARIES.put("org.slf4j.", "logging");
        LIBRARIES.put("sun.security.", "JDK TLS/crypto");
        LIBRARIES.put("com.sun.crypto.", "JDK TLS/crypto");
        LIBRARIES.put("javax.crypto.", "JDK TLS/crypto");
        LIBRARIES.put("java.time.", "JDK java.time");
        LIBRARIES.put("java.math.", "JDK BigDecimal");
        LIBRARIES.put("java.", GENERIC);
        LIBRARIES.put("jdk.", GENERIC);
        LIBRARIES.put("sun.", GENERIC);
    }

    private JfrHotMethods() {
    }

    /** A recording, and the part of it that counts (from, to). */
    record Window(Path file, Instant from, Instant to) {
    }

    /** The hot methods of the windows of some recordings (those that exist), under one label. */
    static String render(String label, List<Window> windows) throws IOException {
        Counts counts = new Counts();
        for (Window window : windows) {
            if (Files.isRegularFile(window.file())) {
                counts.read(window.file(), window.from(), window.to());
            }
        }
        StringBuilder out = new StringBuilder();
        counts.render(label, out);
        return out.toString();
    }

    static Path recording(Path dir, String kind, int round) {
        return dir.resolve("bench-" + kind.toLowerCase(Locale.ROOT) + "-r" + round + ".jfr");
    }

    static String render(List<String> methods, Path dir, int rounds) throws IOException {
        StringBuilder out = new StringBuilder();
        for (String method : methods) {
            Counts counts = new Counts();
            for (int round = 1; round <= rounds; round++) {
                Path file = recording(dir, method, round);
                Path result = dir.resolve(method.toLowerCase(Locale.ROOT) + "-r" + round + ".properties");
                if (Files.isRegularFile(file) && Files.isRegularFile(result)) {
                    Map<String, String> figures = BenchRound.readProperties(result);
                    counts.read(file, Instant.ofEpochMilli(Long.parseLong(figures.get("windowStartMillis"))),
                        Instant.ofEpochMilli(Long.parseLong(figures.get("windowEndMillis"))));
                }
            }
            counts.render(method, out);
        }
        return out.toString();
    }

    /** Sample counts of one method's recordings. */
    private static final class Counts {
        private final Map<String, Integer> self = new HashMap<>();
        private final Map<String, Integer> library = new HashMap<>();
        private final Map<String, Integer> paths = new HashMap<>();
        private final Map<String, Integer> nearestOurs = new HashMap<>();
        private final Map<String, Integer> inclusiveOurs = new HashMap<>();
        private int samples;
        private int nativeSamples;
        private int recordings;

        /** The samples taken between the task's start and its last record (not the JVM's start-up). */
        void read(Path file, Instant from, Instant to) throws IOException {
            recordings++;
            try (RecordingFile recording = new RecordingFile(file)) {
                while (recording.hasMoreEvents()) {
                    RecordedEvent event = recording.readEvent();
                    String type = event.getEventType().getName();
                    if (event.getStartTime().isBefore(from) || event.getStartTime().isAfter(to)) {
                        continue;
                    }
                    if ("jdk.NativeMethodSample".equals(type)) {
                        nativeSamples++;
                    } else if ("jdk.ExecutionSample".equals(type) && event.getStackTrace() != null) {
                        count(event.getStackTrace().getFrames());
                    }
                }
            }
        }

        private void count(List<RecordedFrame> frames) {
            if (frames.isEmpty()) {
                return;
            }
            samples++;
            List<String> methods = frames.stream().map(f -> name(f.getMethod())).toList();
            String top = methods.get(0);
            self.merge(top, 1, Integer::sum);
            library.merge(methods.stream().map(JfrHotMethods::libraryOf).filter(l -> !GENERIC.equals(l))
                .findFirst().orElse(GENERIC), 1, Integer::sum);
            String caller = methods.stream().filter(m -> !libraryOf(m).startsWith("JDK")).findFirst().orElse(top);
            paths.merge(caller.equals(top) ? top : top + "  <-  " + caller, 1, Integer::sum);
            List<String> ours = methods.stream().filter(m -> m.startsWith(OURS) && !m.startsWith(BENCH)).distinct()
                .toList();
            if (!ours.isEmpty()) {
                nearestOurs.merge(ours.get(0), 1, Integer::sum);
            }
            ours.forEach(m -> inclusiveOurs.merge(m, 1, Integer::sum));
        }

        void render(String method, StringBuilder out) {
            out.append(String.format(Locale.ROOT, "%n== Hot methods of %s (JFR, %d recording(s): %,d execution"
                + " samples; %,d native samples, i.e. threads in native code such as socket reads)%n", method,
                recordings, samples, nativeSamples));
            if (samples == 0) {
                return;
            }
            section(out, "Top frames (self time)", self);
            section(out, "By library (of the top frame, or of its nearest caller outside the generic JDK)", library);
            section(out, "Top frame <- nearest caller outside the JDK", paths);
            section(out, "Nearest connector frame (the call of ours the time is spent under)", nearestOurs);
            section(out, "Connector methods on the stack (inclusive)", inclusiveOurs);
        }

        private void section(StringBuilder out, String title, Map<String, Integer> counts) {
            out.append("  ").append(title).append(":\n");
            counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(TOP)
                .forEach(e -> out.append(String.format(Locale.ROOT, "    %5.1f%%  %s%n",
                    100.0 * e.getValue() / samples, e.getKey())));
        }
    }

    /** Class and method; a lambda's generated class name loses its number, so that rounds add up. */
    private static String name(RecordedMethod method) {
        return LAMBDA.matcher(method.getType().getName()).replaceAll("\\$\\$Lambda") + "." + method.getName();
    }

    private static String libraryOf(String method) {
        return LIBRARIES.entrySet().stream().filter(e -> method.startsWith(e.getKey())).map(Map.Entry::getValue)
            .findFirst().orElse("other");
    }
}
