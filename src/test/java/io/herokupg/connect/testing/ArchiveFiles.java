/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The files of a built archive (the Hub zip or the plugin-path tar.gz) by their path in it, with their bytes;
 * directories are left out. The tar reader knows what maven-assembly-plugin writes: ustar headers, and GNU long
 * names or PAX paths should a name ever pass 100 characters.
 */
public final class ArchiveFiles {
    private static final int BLOCK = 512;
    private static final Pattern JAR_NAME = Pattern.compile("(.+)-(\\d[^-]*(?:-SNAPSHOT)?)\\.jar");

    private ArchiveFiles() {
    }

    public static Map<String, byte[]> read(Path archive) throws IOException {
        String name = archive.getFileName().toString();
        if (name.endsWith(".zip")) {
            return zip(archive);
        }
        if (name.endsWith(".tar.gz")) {
            return tarGz(archive);
        }
        throw new IllegalArgumentException("not a zip or tar.gz: " + archive);
    }

    /** The names of the jars directly in {@code folder} (a path in the archive ending with '/'). */
    public static List<String> jarsIn(Map<String, byte[]> files, String folder) {
        return files.keySet().stream().filter(p -> p.startsWith(folder) && p.endsWith(".jar"))
            .map(p -> p.substring(folder.length())).filter(p -> !p.contains("/")).sorted().toList();
    }

    /** A jar's file name split into artifactId and version: {@code HikariCP-7.1.0.jar} gives HikariCP, 7.1.0. */
    public static List<String> artifactAndVersion(String jarName) {
        var m = JAR_NAME.matcher(jarName);
        if (!m.matches()) {
            throw new IllegalArgumentException("a jar name without a version: " + jarName);
        }
        return List.of(m.group(1), m.group(2));
    }

    private static Map<String, byte[]> zip(Path archive) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(archive))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (!entry.isDirectory()) {
                    files.put(entry.getName(), in.readAllBytes());
                }
            }
        }
        return files;
    }

    private static Map<String, byte[]> tarGz(Path archive) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(archive))) {
            byte[] header = new byte[BLOCK];
            String longName = null;
            while (in.readNBytes(header, 0, BLOCK) == BLOCK && header[0] != 0) {
                long size = Long.parseLong(text(header, 124, 12).trim(), 8);
                byte[] data = in.readNBytes(Math.toIntExact(size));
                in.skipNBytes((BLOCK - size % BLOCK) % BLOCK);
                char type = (char) header[156];
                if (type == 'L' || type == 'x') {
                    longName = type == 'L' ? text(data, 0, data.length) : paxPath(data);
                    continue;
                }
                String name = longName != null ? longName : ustarName(header);
                longName = null;
                if (type == '0' || type == '\0') {
                    files.put(name, data);
                }
            }
        }
        return files;
    }

    private static String ustarName(byte[] header) {
        String prefix = text(header, 345, 155);
        String name = text(header, 0, 100);
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    /** The path record of a PAX extended header ("<length> path=<name>\n"). */
    private static String paxPath(byte[] data) {
        for (String record : new String(data, StandardCharsets.UTF_8).split("\n")) {
            int at = record.indexOf(" path=");
            if (at >= 0) {
                return record.substring(at + " path=".length());
            }
        }
        return null;
    }

    private static String text(byte[] bytes, int offset, int length) {
        int end = offset;
        while (end < offset + length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
    }
}
