/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PEM certificates and private keys, checked and turned into what PgJDBC reads: it takes certificates as PEM files
 * and a client key as a PKCS#8 DER file. Accepts "PRIVATE KEY" (PKCS#8), "RSA PRIVATE KEY" (PKCS#1, as
 * {@code openssl} and Heroku's mTLS tooling write it), "EC PRIVATE KEY" (SEC1, as {@code openssl ecparam -genkey}
 * writes it; an "EC PARAMETERS" block before it is skipped), "ENCRYPTED PRIVATE KEY" (PBES1 or PBES2, as OpenSSL 3
 * writes it) and OpenSSL's older encryption of RSA and EC keys (Proc-Type and DEK-Info headers), each decrypted here
 * so that neither PgJDBC nor its connection pool ever sees the key's password.
 */
public final class Pem {
    /** A PEM block: its type, its RFC 1421 headers (Proc-Type, DEK-Info) if any, its base64 body. */
    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\s*"
        + "((?:[A-Za-z][A-Za-z-]*:[^\\r\\n]*\\r?\\n)*)\\s*([A-Za-z0-9+/=\\s]*?)\\s*-----END \\1-----");

    private Pem() {
    }

    /**
     * The PEM text of a setting's value that is either PEM text or the path of a PEM file. The value of the secret
     * key is never repeated in a message, even when it was mistaken for a path.
     *
     * @throws KeyedConfigException on {@code key} when the file cannot be read
     */
    public static String textOf(String key, String value) {
        if (SslSettings.isPem(value)) {
            return value;
        }
        String shown = key.equals(ConnectionFragment.SSLKEY) ? "" : " " + value.trim();
        Path path;
        try {
            path = Path.of(value.trim());
        } catch (InvalidPathException e) {
            throw new KeyedConfigException(key, "is neither PEM text (-----BEGIN …) nor a file path");
        }
        if (!Files.isReadable(path)) {
            throw new KeyedConfigException(key, "is not PEM text (-----BEGIN …), and the file" + shown + " does not"
                + " exist or cannot be read by the worker; give the PEM text itself if the file cannot be put on"
                + " every worker");
        }
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new KeyedConfigException(key, "the file" + shown + " cannot be read");
        }
    }

    /**
     * Checks that the text holds at least one X.509 certificate.
     *
     * @throws IllegalArgumentException saying what is wrong, never repeating the text
     */
    public static void checkCertificates(String pem) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            if (factory.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
                .isEmpty()) {
                throw new IllegalArgumentException("it holds no certificate");
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException("it is not a PEM certificate (-----BEGIN CERTIFICATE-----…)");
        }
    }

    /**
     * The private key as unencrypted PKCS#8 DER, after checking it can be read.
     *
     * @param password the key's password, or null
     * @throws IllegalArgumentException saying what is wrong, never repeating the key
     */
    public static byte[] privateKeyDer(String pem, String password) {
        Matcher m = BLOCK.matcher(pem);
        List<String> types = new ArrayList<>();
        while (m.find()) {
            if (m.group(1).endsWith("PRIVATE KEY")) {
                return keyDer(m.group(1), m.group(2), Base64.getMimeDecoder().decode(m.group(3)), password);
            }
            types.add(m.group(1));
        }
        throw new IllegalArgumentException(types.isEmpty()
            ? "it is not a PEM private key (-----BEGIN PRIVATE KEY-----…)"
            : "it holds no private key, only " + String.join(", ", types) + " blocks");
    }

    private static byte[] keyDer(String type, String headers, byte[] der, String password) {
        if (headers.isEmpty()) {
            return readKey(type, der, password);
        }
        byte[] plain = LegacyPemEncryption.decrypt(type, headers, der, password);
        try {
            return readKey(type, plain, null);
        } catch (IllegalArgumentException e) {
            // What a wrong password decrypts to is garbage that may still have valid padding.
            throw LegacyPemEncryption.wrongPassword();
        }
    }

    private static byte[] readKey(String type, byte[] der, String password) {
        return switch (type) {
            case "PRIVATE KEY" -> checkPkcs8(der);
            case "RSA PRIVATE KEY" -> checkPkcs8(PrivateKeyInfos.fromPkcs1(der));
            case "EC PRIVATE KEY" -> checkPkcs8(PrivateKeyInfos.fromSec1(der));
            case "ENCRYPTED PRIVATE KEY" -> decrypt(der, password);
            default -> throw new IllegalArgumentException("a '" + type + "' block is not a supported key;"
                + " use PKCS#8 (BEGIN PRIVATE KEY), RSA (BEGIN RSA PRIVATE KEY) or EC (BEGIN EC PRIVATE KEY)");
        };
    }

    private static byte[] checkPkcs8(byte[] der) {
        for (String algorithm : new String[] {"RSA", "EC"}) {
            try {
                KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                return der;
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException("the private key cannot be read (neither RSA nor EC PKCS#8)");
    }

    private static byte[] decrypt(byte[] der, String password) {
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("the private key is encrypted; set " + ConnectionFragment.SSLPASSWORD);
        }
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            AlgorithmParameters parameters = info.getAlgParameters();
            // For PBES2 the algorithm name is "PBES2" (or its OID), which names no cipher; the parameters name the
            // real scheme, e.g. PBEWithHmacSHA256AndAES_256.
            String scheme = info.getAlgName().equals("PBES2") || info.getAlgName().equals("1.2.840.113549.1.5.13")
                ? parameters.toString() : info.getAlgName();
            Cipher cipher = Cipher.getInstance(scheme);
            cipher.init(Cipher.DECRYPT_MODE,
                SecretKeyFactory.getInstance(scheme).generateSecret(new PBEKeySpec(password.toCharArray())),
                parameters);
            return checkPkcs8(info.getKeySpec(cipher).getEncoded());
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the encrypted private key cannot be decrypted with "
                + ConnectionFragment.SSLPASSWORD + " (or its encryption scheme is not supported by this Java)");
        }
    }
}
