/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs one round of a scenario in a fresh JVM with this JVM's classpath and {@code bench.*} settings, so that
 * neither JIT nor heap state carries over; its output goes to {@code <name>.log}, its figures to
 * {@code <name>.properties}. Lines it prints starting with {@link #PROGRESS} are shown on the console too. With
 * {@code -Dbench.jfr=true}, a scenario's rounds are recorded by Java Flight Recorder ({@code <name>.jfr}).
 */
final class BenchFork {
    /** The prefix of a forked round's lines that the console shows (long preparations, long passes). */
    static final String PROGRESS = "PROGRESS ";
    private static final long TIMEOUT_HOURS = 2;

    private BenchFork() {
    }

    /** Where a round writes its figures. */
    static Path result(BenchContext context, String name) {
        return context.dir().resolve(name + ".properties");
    }

    /**
     * Runs {@code main} with the JVM options and arguments given; the arguments name the result file
     * ({@link #result}) where the round needs it. Returns the round's figures; fails with the end of its log.
     */
    /**
     * Runs every round of a scenario ({@code bench.rounds}), each {@code main} in a fresh JVM given the connection
     * file, its result file and the round's number; {@code each} prints a round's figures (on the line after
     * "-- round N:").
     */
    static List<Map<String, String>> rounds(BenchContext context, String scenario, Class<?> main,
                                           Consumer<Map<String, String>> each)
        throws IOException, InterruptedException {
        List<Map<String, String>> rounds = new ArrayList<>();
        for (int round = 1; round <= context.options().rounds(); round++) {
            String name = scenario + "-r" + round;
            context.out().printf("-- round %d:%n", round);
            Map<String, String> r = run(context, name, main, List.of(context.connectionFile().toString(),
                result(context, name).toString(), Integer.toString(round)));
            each.accept(r);
            rounds.add(r);
        }
        return rounds;
    }

    static Map<String, String> run(BenchContext context, String name, Class<?> main, List<String> args)
        throws IOException, InterruptedException {
        List<String> jvmOptions = context.options().jfr()
            ? List.of("-XX:StartFlightRecording=filename=" + context.dir().resolve(name + ".jfr")
                + ",settings=profile,dumponexit=true")
            : List.of();
        return run(context, name, jvmOptions, main, args);
    }

    /** As {@link #run(BenchContext, String, Class, List)}, with the JVM options given (and no recording). */
    static Map<String, String> run(BenchContext context, String name, List<String> jvmOptions, Class<?> main,
                                   List<String> args) throws IOException, InterruptedException {
        Path log = context.dir().resolve(name + ".log");
        Path result = result(context, name);
        Files.deleteIfExists(result);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        System.getProperties().stringPropertyNames().stream().sorted()
            .filter(k -> k.startsWith("bench.") && !System.getProperty(k).isBlank())
            .forEach(k -> command.add("-D" + k + "=" + System.getProperty(k)));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread pump = pump(process, log, context);
        if (!process.waitFor(TIMEOUT_HOURS, TimeUnit.HOURS)) {
            process.destroyForcibly();
            process.waitFor();
        }
        pump.join(TimeUnit.SECONDS.toMillis(10));
        if (process.exitValue() != 0 || !Files.isRegularFile(result)) {
            context.out().println("FAILED; the end of " + log + ":");
            List<String> lines = Files.readAllLines(log);
            lines.subList(Math.max(0, lines.size() - 30), lines.size()).forEach(context.out()::println);
            throw new IllegalStateException("round " + name + " failed (exit " + process.exitValue() + ")");
        }
        return BenchRound.readProperties(result);
    }

    /** Copies the round's output to its log file, and its progress lines to the console. */
    private static Thread pump(Process process, Path log, BenchContext context) {
        Thread thread = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)); Writer out = Files.newBufferedWriter(log)) {
                String line;
                while ((line = in.readLine()) != null) {
                    out.write(line);
                    out.write('\n');
                    if (line.startsWith(PROGRESS)) {
                        out.flush();
                        context.out().println("   " + line.substring(PROGRESS.length()));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "bench-fork-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
