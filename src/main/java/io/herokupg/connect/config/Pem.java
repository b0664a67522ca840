/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
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
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PEM certificates and private keys, checked and turned into what PgJDBC reads: it takes certificates as PEM files
 * and a client key as a PKCS#8 DER file. Accepts "PRIVATE KEY" (PKCS#8), "RSA PRIVATE KEY" (PKCS#1, as
 * {@code openssl} and Heroku's mTLS tooling write it) and "ENCRYPTED PRIVATE KEY" (PBES1 or PBES2, as OpenSSL 3
 * writes it), which is decrypted here so that neither PgJDBC nor its connection pool ever sees the key's password.
 */
public final class Pem {
    private static final Pattern BLOCK = Pattern.compile(
        "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");

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
        if (!m.find()) {
            throw new IllegalArgumentException("it is not a PEM private key (-----BEGIN PRIVATE KEY-----…)");
        }
        byte[] der = Base64.getMimeDecoder().decode(m.group(2));
        switch (m.group(1)) {
            case "PRIVATE KEY" -> checkPkcs8(der);
            case "RSA PRIVATE KEY" -> der = pkcs1ToPkcs8(der);
            case "ENCRYPTED PRIVATE KEY" -> der = decrypt(der, password);
            default -> throw new IllegalArgumentException("a '" + m.group(1) + "' block is not a supported key;"
                + " use PKCS#8 (BEGIN PRIVATE KEY) or RSA (BEGIN RSA PRIVATE KEY)");
        }
        return der;
    }

    private static void checkPkcs8(byte[] der) {
        for (String algorithm : new String[] {"RSA", "EC"}) {
            try {
                KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                return;
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException("the private key cannot be read (neither RSA nor EC PKCS#8)");
    }

    private static byte[] decrypt(byte[] der, String password) {
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("the private key is encrypted; set database.sslpassword");
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
            byte[] plain = info.getKeySpec(cipher).getEncoded();
            checkPkcs8(plain);
            return plain;
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the encrypted private key cannot be decrypted with"
                + " database.sslpassword (or its encryption scheme is not supported by this Java)");
        }
    }

    /**
     * Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo:
     * {@code SEQUENCE { INTEGER 0, SEQUENCE { OID rsaEncryption, NULL }, OCTET STRING pkcs1 }}.
     */
    private static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
        byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01,
            0x01, 0x01, 0x05, 0x00};
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(algorithm);
        body.writeBytes(derHeader(0x04, pkcs1.length));
        body.writeBytes(pkcs1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(derHeader(0x30, body.size()));
        out.writeBytes(body.toByteArray());
        byte[] pkcs8 = out.toByteArray();
        checkPkcs8(pkcs8);
        return pkcs8;
    }

    private static byte[] derHeader(int tag, int length) {
        if (length < 0x80) {
            return new byte[] {(byte) tag, (byte) length};
        }
        int bytes = length < 0x100 ? 1 : length < 0x10000 ? 2 : 3;
        byte[] header = new byte[2 + bytes];
        header[0] = (byte) tag;
        header[1] = (byte) (0x80 | bytes);
        for (int i = 0; i < bytes; i++) {
            header[2 + i] = (byte) (length >> (8 * (bytes - 1 - i)));
        }
        return header;
    }
}
