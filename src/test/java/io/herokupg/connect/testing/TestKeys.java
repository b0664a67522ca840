/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;

/**
 * Throwaway private keys in the PEM forms the connector accepts, made in pure Java: PKCS#8 ("PRIVATE KEY"),
 * PKCS#1 ("RSA PRIVATE KEY"), SEC1 ("EC PRIVATE KEY"), encrypted PKCS#8 with the PKCS#12 PBE scheme
 * PBEWithSHA1AndDESede (PBES1) and with PBES2 (PBKDF2-HMAC-SHA256 + AES-256-CBC, what {@code openssl pkcs8 -topk8}
 * writes by default). OpenSSL's older encryption (DEK-Info) comes from the openssl command: see {@link OpenSslKeys}.
 */
public final class TestKeys {
    /** OID 1.2.840.113549.1.5.13, id-PBES2. */
    private static final byte[] PBES2_OID = {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d,
        0x01, 0x05, 0x0d};
    /** OID 1.2.840.10045.3.1.7, prime256v1 (secp256r1). */
    private static final byte[] PRIME256V1 = {0x06, 0x08, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x03, 0x01,
        0x07};
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int WINDOW = 24;

    private static KeyPair rsa;
    private static Path dir;

    private TestKeys() {
    }

    /** One RSA 2048 key pair per JVM. */
    public static synchronized KeyPair rsa() {
        if (rsa == null) {
            rsa = newRsa(2048);
        }
        return rsa;
    }

    public static KeyPair newRsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair newEc() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PEM block of the given type, with 64-character lines. */
    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
            + "\n-----END " + type + "-----\n";
    }

    public static String pkcs8Pem(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    /** The PKCS#1 RSAPrivateKey: the OCTET STRING inside the PKCS#8 PrivateKeyInfo. */
    public static byte[] pkcs1Der(PrivateKey rsaKey) {
        byte[] der = rsaKey.getEncoded();
        int[] pos = {0};
        expect(der, pos, 0x30);
        int version = expect(der, pos, 0x02);
        pos[0] += version;
        int algorithm = expect(der, pos, 0x30);
        pos[0] += algorithm;
        int length = expect(der, pos, 0x04);
        return Arrays.copyOfRange(der, pos[0], pos[0] + length);
    }

    public static String pkcs1Pem(PrivateKey rsaKey) {
        return pem("RSA PRIVATE KEY", pkcs1Der(rsaKey));
    }

    /** PKCS#8 EncryptedPrivateKeyInfo with PBEWithSHA1AndDESede (PBES1), which the JDK decrypts by its name. */
    public static byte[] encryptedDer(PrivateKey key, String password) {
        try {
            String algorithm = "PBEWithSHA1AndDESede";
            PBEParameterSpec spec = new PBEParameterSpec(random(8), 2048);
            Cipher cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.ENCRYPT_MODE, secret(algorithm, password), spec);
            byte[] encrypted = cipher.doFinal(key.getEncoded());
            AlgorithmParameters params = AlgorithmParameters.getInstance(algorithm);
            params.init(spec);
            return new EncryptedPrivateKeyInfo(params, encrypted).getEncoded();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String encryptedPem(PrivateKey key, String password) {
        return pem("ENCRYPTED PRIVATE KEY", encryptedDer(key, password));
    }

    /**
     * PKCS#8 EncryptedPrivateKeyInfo with PBES2 (PBKDF2 with HMAC-SHA256, AES-256-CBC), as OpenSSL 3 writes it.
     * JDK 17 cannot build it from the algorithm name, so the DER is assembled here:
     * {@code SEQUENCE { SEQUENCE { OID id-PBES2, PBES2-params }, OCTET STRING encrypted }}.
     */
    public static byte[] pbes2Der(PrivateKey key, String password) {
        try {
            String algorithm = "PBEWithHmacSHA256AndAES_256";
            PBEParameterSpec spec = new PBEParameterSpec(random(16), 2048, new IvParameterSpec(random(16)));
            Cipher cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.ENCRYPT_MODE, secret(algorithm, password), spec);
            byte[] encrypted = cipher.doFinal(key.getEncoded());
            byte[] algorithmId = der(0x30, concat(PBES2_OID, cipher.getParameters().getEncoded()));
            return der(0x30, concat(algorithmId, der(0x04, encrypted)));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pbes2Pem(PrivateKey key, String password) {
        return pem("ENCRYPTED PRIVATE KEY", pbes2Der(key, password));
    }

    /**
     * A SEC1 ECPrivateKey ("EC PRIVATE KEY", RFC 5915) of a secp256r1 key, as OpenSSL writes it but without the
     * optional public key: {@code SEQUENCE { INTEGER 1, OCTET STRING d, [0] OID prime256v1 }}.
     */
    public static byte[] sec1Der(ECPrivateKey key) {
        byte[] d = key.getS().toByteArray();
        byte[] fixed = new byte[32];
        int skip = Math.max(0, d.length - 32);
        System.arraycopy(d, skip, fixed, 32 - (d.length - skip), d.length - skip);
        return der(0x30, concat(concat(new byte[] {0x02, 0x01, 0x01}, der(0x04, fixed)), der(0xa0, PRIME256V1)));
    }

    public static String sec1Pem(ECPrivateKey key) {
        return pem("EC PRIVATE KEY", sec1Der(key));
    }

    /** The test CA's certificate as PEM text (made by keytool, see {@link TestCertificates}). */
    public static String certificatePem() {
        return read(TestCertificates.get().caCertificate());
    }

    /** Another certificate (the server's, signed by the test CA), usable as a client certificate. */
    public static String otherCertificatePem() {
        return read(TestCertificates.get().serverCertificate());
    }

    /** True when the text holds any run of {@value #WINDOW} characters of the base64 body of the PEM. */
    public static boolean containsKeyMaterial(String text, String pem) {
        String body = pem.replaceAll("-----(BEGIN|END) [A-Z0-9 ]+-----", "").replaceAll("\\s", "");
        for (int i = 0; i + WINDOW <= body.length(); i++) {
            if (text.contains(body.substring(i, i + WINDOW))) {
                return true;
            }
        }
        return false;
    }

    /** Writes a file into a private temporary directory (mode 0700), removed when the JVM exits. */
    public static Path write(String name, String content) {
        try {
            Path file = dir().resolve(name);
            Files.writeString(file, content, StandardCharsets.US_ASCII);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A path that does not exist. */
    public static Path missing(String name) {
        return dir().resolve("no-such-directory").resolve(name);
    }

    private static synchronized Path dir() {
        if (dir == null) {
            try {
                dir = Files.createTempDirectory("herokupg-keys-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            dir.toFile().deleteOnExit();
        }
        return dir;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SecretKey secret(String algorithm, String password) throws GeneralSecurityException {
        return SecretKeyFactory.getInstance(algorithm).generateSecret(new PBEKeySpec(password.toCharArray()));
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static int expect(byte[] der, int[] pos, int tag) {
        if ((der[pos[0]++] & 0xff) != tag) {
            throw new IllegalStateException("unexpected DER tag at " + (pos[0] - 1));
        }
        int first = der[pos[0]++] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int length = 0;
        for (int i = 0; i < (first & 0x7f); i++) {
            length = (length << 8) | (der[pos[0]++] & 0xff);
        }
        return length;
    }

    private static byte[] der(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = length < 0x100 ? 1 : length < 0x10000 ? 2 : 3;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
