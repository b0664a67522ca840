/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The traditional OpenSSL key structures wrapped in a PKCS#8 PrivateKeyInfo, the one form Java's KeyFactory and
 * PgJDBC read: {@code SEQUENCE { INTEGER 0, AlgorithmIdentifier, OCTET STRING key }} (RFC 5208), with the key
 * itself unchanged inside. A few DER bytes, no cryptography library.
 */
final class PrivateKeyInfos {
    /** SEQUENCE { OID 1.2.840.113549.1.1.1 rsaEncryption, NULL }. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
        (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    /** OID 1.2.840.10045.2.1, id-ecPublicKey (RFC 5480). */
    private static final byte[] EC_PUBLIC_KEY = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};
    private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};
    private static final int SEQUENCE = 0x30;
    private static final int INTEGER = 0x02;
    private static final int OCTET_STRING = 0x04;
    private static final int OID = 0x06;
    /** The [0] EXPLICIT field of a SEC1 ECPrivateKey: the curve. */
    private static final int PARAMETERS = 0xa0;

    private PrivateKeyInfos() {
    }

    /** A PKCS#1 RSAPrivateKey ("RSA PRIVATE KEY") as PKCS#8. */
    static byte[] fromPkcs1(byte[] pkcs1) {
        return privateKeyInfo(RSA_ALGORITHM, pkcs1);
    }

    /**
     * A SEC1 ECPrivateKey ("EC PRIVATE KEY", RFC 5915) as PKCS#8, its curve taken from the key's own parameters:
     * {@code SEQUENCE { INTEGER 1, OCTET STRING privateKey, [0] OID namedCurve OPTIONAL, [1] BIT STRING OPTIONAL }}.
     *
     * @throws IllegalArgumentException when it is no such structure or names no curve
     */
    static byte[] fromSec1(byte[] sec1) {
        Tlv key = Tlv.read(sec1, 0, SEQUENCE);
        if (key.end() != sec1.length) {
            throw new IllegalArgumentException("the EC private key is not a SEC1 ECPrivateKey");
        }
        Tlv version = Tlv.read(sec1, key.start(), INTEGER);
        if (version.length() != 1 || sec1[version.start()] != 1) {
            throw new IllegalArgumentException("the EC private key is not a SEC1 ECPrivateKey (version 1)");
        }
        int at = Tlv.read(sec1, version.end(), OCTET_STRING).end();
        while (at < key.end()) {
            Tlv field = Tlv.read(sec1, at, -1);
            if (field.tag() == PARAMETERS) {
                Tlv curve = Tlv.read(sec1, field.start(), -1);
                if (curve.tag() != OID) {
                    throw new IllegalArgumentException("the EC private key gives its curve's parameters explicitly;"
                        + " only named curves (such as prime256v1) are supported");
                }
                byte[] algorithm = der(SEQUENCE, concat(EC_PUBLIC_KEY, Arrays.copyOfRange(sec1, field.start(),
                    curve.end())));
                return privateKeyInfo(algorithm, sec1);
            }
            at = field.end();
        }
        throw new IllegalArgumentException("the EC private key does not name its curve (SEC1 parameters)");
    }

    private static byte[] privateKeyInfo(byte[] algorithm, byte[] key) {
        return der(SEQUENCE, concat(concat(VERSION_0, algorithm), der(OCTET_STRING, key)));
    }

    static byte[] der(int tag, byte[] content) {
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

    /** One DER tag-length-value: where its content starts and how long it is. */
    private record Tlv(int tag, int start, int length) {
        int end() {
            return start + length;
        }

        /** The TLV at {@code at}, of the tag expected (-1: any); lengths up to 2^24 - 1. */
        static Tlv read(byte[] der, int at, int expected) {
            if (at + 2 > der.length || expected >= 0 && (der[at] & 0xff) != expected) {
                throw new IllegalArgumentException("the private key is not valid DER");
            }
            int first = der[at + 1] & 0xff;
            int start = at + 2;
            int length = first;
            if (first >= 0x80) {
                int bytes = first & 0x7f;
                if (bytes == 0 || bytes > 3 || start + bytes > der.length) {
                    throw new IllegalArgumentException("the private key is not valid DER");
                }
                length = 0;
                for (int i = 0; i < bytes; i++) {
                    length = (length << 8) | (der[start++] & 0xff);
                }
            }
            if (start + length > der.length) {
                throw new IllegalArgumentException("the private key is not valid DER (truncated)");
            }
            return new Tlv(der[at] & 0xff, start, length);
        }
    }
}
