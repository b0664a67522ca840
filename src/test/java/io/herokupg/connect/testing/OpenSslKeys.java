/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Keys written by the {@code openssl} command, the independent reference for the forms users bring: SEC1 keys from
 * {@code ecparam -genkey} (with its EC PARAMETERS block), the older encrypted PEM (Proc-Type, DEK-Info) of
 * {@code genrsa -traditional} and {@code ec}, and the PKCS#8 DER openssl itself decrypts them to. Passwords travel
 * as {@code pass:} arguments: these keys are throwaway.
 */
public final class OpenSslKeys {
    private static Boolean available;

    private OpenSslKeys() {
    }

    /** Whether an openssl command runs here. */
    public static synchronized boolean available() {
        if (available == null) {
            try {
                Process p = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                available = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException e) {
                available = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                available = false;
            }
        }
        return available;
    }

    /** {@code openssl ecparam -name prime256v1 -genkey}: an EC PARAMETERS block, then the SEC1 key. */
    public static String ecWithParameters() {
        return text("ecparam", "-name", "prime256v1", "-genkey");
    }

    /** The key re-encrypted in OpenSSL's older form: {@code openssl ec|rsa -<cipher> [-traditional]}. */
    public static String legacyEncrypted(String pem, String command, String cipher, String password) {
        Path in = TestKeys.write("openssl-in-" + System.nanoTime() + ".pem", pem);
        List<String> args = new ArrayList<>(List.of(command, "-in", in.toString(), "-" + cipher, "-passout",
            "pass:" + password));
        if (command.equals("rsa")) {
            args.add("-traditional");
        }
        return text(args.toArray(String[]::new));
    }

    /** {@code openssl genrsa -traditional -<cipher>}: a new RSA key, encrypted in OpenSSL's older form. */
    public static String newLegacyRsa(String cipher, String password) {
        return text("genrsa", "-traditional", "-" + cipher, "-passout", "pass:" + password, "2048");
    }

    /** What openssl decrypts the key to, as unencrypted PKCS#8 DER ({@code openssl pkcs8 -topk8 -nocrypt}). */
    public static byte[] pkcs8Der(String pem, String password) {
        Path in = TestKeys.write("openssl-key-" + System.nanoTime() + ".pem", pem);
        return run("pkcs8", "-topk8", "-nocrypt", "-in", in.toString(), "-passin", "pass:" + password,
            "-outform", "DER");
    }

    private static String text(String... args) {
        return new String(run(args), StandardCharsets.US_ASCII);
    }

    private static byte[] run(String... args) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        try {
            Path err = Files.createTempFile("openssl-", ".err");
            Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("openssl " + args[0] + " failed: " + Files.readString(err));
            }
            Files.delete(err);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
