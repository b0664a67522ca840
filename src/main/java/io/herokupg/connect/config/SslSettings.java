/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

import java.util.Optional;

/**
 * TLS settings. Certificates and the key are each a file path or the PEM text itself (Connect users often cannot
 * put files on workers); the key and its password are secrets and never shown by {@link #toString()}.
 *
 * @param rootCert   the CA certificate(s) that must have signed the server's certificate (verify-ca, verify-full)
 * @param clientCert the client certificate, for mutual TLS (Heroku Private and Shield spaces)
 * @param clientKey  the client certificate's private key (PEM: PKCS#8, PKCS#1 RSA, or encrypted PKCS#8)
 * @param keyPassword the password of an encrypted client key
 */
public record SslSettings(SslMode mode, Optional<String> rootCert, Optional<String> clientCert,
                          Optional<String> clientKey, Optional<String> keyPassword) {

    /**
     * True when the value is PEM text rather than a path: it holds a PEM header anywhere (tools such as
     * {@code openssl pkcs12 -nodes} write "Bag Attributes" lines before it) or spans several lines.
     */
    public static boolean isPem(String value) {
        return value.contains("-----BEGIN ") || value.trim().contains("\n");
    }

    @Override
    public String toString() {
        return "SslSettings{mode=" + mode + ", rootCert=" + describe(rootCert) + ", clientCert="
            + describe(clientCert) + ", clientKey=" + (clientKey.isPresent() ? "[hidden]" : "-")
            + ", keyPassword=" + (keyPassword.isPresent() ? "[hidden]" : "-") + "}";
    }

    private static String describe(Optional<String> value) {
        return value.map(v -> isPem(v) ? "(PEM text)" : v).orElse("-");
    }
}
