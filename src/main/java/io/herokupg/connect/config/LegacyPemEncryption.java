/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * OpenSSL's older ("traditional") encryption of an RSA or EC key in PEM, as {@code openssl genrsa -aes256
 * -traditional} or {@code openssl ec -aes256} write it: headers {@code Proc-Type: 4,ENCRYPTED} and
 * {@code DEK-Info: <cipher>,<IV in hex>} in the key's block. The key is the cipher's, derived from the password by
 * OpenSSL's EVP_BytesToKey with MD5, one iteration, the IV's first 8 bytes as salt. AES-128/192/256-CBC and
 * DES-EDE3-CBC are read; any other cipher gets the command that converts the key to encrypted PKCS#8.
 */
final class LegacyPemEncryption {
    /** The conversion to the PKCS#8 form that every supported Java reads. */
    static final String CONVERT = "convert it with openssl pkcs8 -topk8 -v2 aes-256-cbc -in old.key -out new.key"
        + " and set " + ConnectionFragment.SSLKEY + " to the new key (its password stays "
        + ConnectionFragment.SSLPASSWORD + ")";
    private static final Pattern DEK_INFO = Pattern.compile("(?m)^DEK-Info:\\s*([A-Za-z0-9-]+)\\s*,\\s*([0-9A-Fa-f]+)"
        + "\\s*$");
    private static final Pattern PROC_TYPE = Pattern.compile("(?m)^Proc-Type:\\s*4\\s*,\\s*ENCRYPTED\\s*$");
    private static final Map<String, Scheme> SCHEMES = Map.of(
        "AES-128-CBC", new Scheme("AES/CBC/PKCS5Padding", "AES", 16, 16),
        "AES-192-CBC", new Scheme("AES/CBC/PKCS5Padding", "AES", 24, 16),
        "AES-256-CBC", new Scheme("AES/CBC/PKCS5Padding", "AES", 32, 16),
        "DES-EDE3-CBC", new Scheme("DESede/CBC/PKCS5Padding", "DESede", 24, 8));

    private LegacyPemEncryption() {
    }

    /**
     * The key's DER, decrypted.
     *
     * @param type the block's type: only RSA and EC keys are encrypted this way
     * @param headers the block's headers, as read
     * @throws IllegalArgumentException naming the setting at fault, never repeating the key or the password
     */
    static byte[] decrypt(String type, String headers, byte[] encrypted, String password) {
        Matcher dek = dekInfo(type, headers);
        Scheme scheme = SCHEMES.get(dek.group(1).toUpperCase(Locale.ROOT));
        if (scheme == null || dek.group(2).length() != 2 * scheme.ivLength()) {
            throw new IllegalArgumentException("the private key is encrypted with " + dek.group(1)
                + " (DEK-Info), which is not supported; " + CONVERT);
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("the private key is encrypted (Proc-Type: 4,ENCRYPTED); set "
                + ConnectionFragment.SSLPASSWORD);
        }
        byte[] iv = HexFormat.of().parseHex(dek.group(2));
        try {
            Cipher cipher = Cipher.getInstance(scheme.transformation());
            byte[] key = bytesToKey(password.getBytes(StandardCharsets.UTF_8), Arrays.copyOf(iv, 8),
                scheme.keyLength());
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, scheme.algorithm()), new IvParameterSpec(iv));
            return cipher.doFinal(encrypted);
        } catch (GeneralSecurityException e) {
            throw wrongPassword();
        }
    }

    /** The DEK-Info header of an RSA or EC key's block encrypted by OpenSSL (Proc-Type: 4,ENCRYPTED). */
    private static Matcher dekInfo(String type, String headers) {
        if (!type.equals("RSA PRIVATE KEY") && !type.equals("EC PRIVATE KEY")) {
            throw new IllegalArgumentException("a '" + type + "' block with PEM headers is not a supported key; "
                + CONVERT);
        }
        Matcher dek = DEK_INFO.matcher(headers);
        if (!PROC_TYPE.matcher(headers).find() || !dek.find()) {
            throw new IllegalArgumentException("the private key's PEM headers are not OpenSSL's encryption"
                + " (Proc-Type: 4,ENCRYPTED and DEK-Info); " + CONVERT);
        }
        return dek;
    }

    static IllegalArgumentException wrongPassword() {
        return new IllegalArgumentException("the encrypted private key cannot be decrypted with "
            + ConnectionFragment.SSLPASSWORD);
    }

    /**
     * OpenSSL's EVP_BytesToKey with MD5 and one iteration: {@code D_1 = MD5(password || salt)},
     * {@code D_i = MD5(D_(i-1) || password || salt)}, the key the first {@code length} bytes of D_1 || D_2 || ….
     */
    static byte[] bytesToKey(byte[] password, byte[] salt, int length) throws GeneralSecurityException {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        byte[] key = new byte[length];
        byte[] block = new byte[0];
        for (int filled = 0; filled < length; filled += block.length) {
            md5.update(block);
            md5.update(password);
            md5.update(salt);
            block = md5.digest();
            System.arraycopy(block, 0, key, filled, Math.min(block.length, length - filled));
        }
        return key;
    }

    private record Scheme(String transformation, String algorithm, int keyLength, int ivLength) {
    }
}
