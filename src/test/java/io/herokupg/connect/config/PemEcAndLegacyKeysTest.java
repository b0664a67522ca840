/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.herokupg.connect.testing.OpenSslKeys;
import io.herokupg.connect.testing.TestKeys;

/**
 * EC keys in SEC1 ("EC PRIVATE KEY") and RSA and EC keys in OpenSSL's older encrypted PEM (Proc-Type, DEK-Info):
 * read into the same key as openssl itself reads them (the openssl command is the reference), or refused with a
 * message naming the setting and, where the cipher is not supported, the conversion command.
 */
class PemEcAndLegacyKeysTest {
    private static final String PASSWORD = "Legacy-Pass-4417";

    @Test
    void sec1EcKeyBecomesPkcs8OfTheSameKey() throws Exception {
        ECPrivateKey original = (ECPrivateKey) TestKeys.newEc().getPrivate();
        String pem = TestKeys.sec1Pem(original);

        ECPrivateKey read = (ECPrivateKey) KeyFactory.getInstance("EC")
            .generatePrivate(new PKCS8EncodedKeySpec(Pem.privateKeyDer(pem, null)));

        assertThat(read.getS()).isEqualTo(original.getS());
        assertThat(read.getParams().getCurve()).isEqualTo(original.getParams().getCurve());
        assertThat(read.getParams().getOrder()).isEqualTo(original.getParams().getOrder());
    }

    @Test
    void opensslEcKeyAfterItsParametersBlockIsTheKeyOpensslReads() throws Exception {
        assumeTrue(OpenSslKeys.available(), "the openssl command");
        String pem = OpenSslKeys.ecWithParameters();
        assertThat(pem).startsWith("-----BEGIN EC PARAMETERS-----").contains("-----BEGIN EC PRIVATE KEY-----");

        assertThat(key(Pem.privateKeyDer(pem, null))).isEqualTo(key(OpenSslKeys.pkcs8Der(pem, "")));
    }

    static Stream<Arguments> legacyEncrypted() {
        if (!OpenSslKeys.available()) {
            return Stream.of(Arguments.of("no openssl command here", null));
        }
        String ec = OpenSslKeys.ecWithParameters();
        String rsa = TestKeys.pkcs8Pem(TestKeys.rsa().getPrivate());
        return Stream.of(
            Arguments.of("genrsa -traditional -aes128", OpenSslKeys.newLegacyRsa("aes128", PASSWORD)),
            Arguments.of("rsa -aes256 -traditional", OpenSslKeys.legacyEncrypted(rsa, "rsa", "aes256", PASSWORD)),
            Arguments.of("rsa -des3 -traditional", OpenSslKeys.legacyEncrypted(rsa, "rsa", "des3", PASSWORD)),
            Arguments.of("ec -aes128", OpenSslKeys.legacyEncrypted(ec, "ec", "aes128", PASSWORD)),
            Arguments.of("ec -aes192", OpenSslKeys.legacyEncrypted(ec, "ec", "aes192", PASSWORD)),
            Arguments.of("ec -aes256", OpenSslKeys.legacyEncrypted(ec, "ec", "aes256", PASSWORD)),
            Arguments.of("ec -des3", OpenSslKeys.legacyEncrypted(ec, "ec", "des3", PASSWORD)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("legacyEncrypted")
    void legacyEncryptedKeyIsTheKeyOpensslDecrypts(String how, String pem) throws Exception {
        assumeTrue(pem != null, how);
        assertThat(pem).contains("Proc-Type: 4,ENCRYPTED").contains("DEK-Info: ");

        assertThat(key(Pem.privateKeyDer(pem, PASSWORD))).as(how)
            .isEqualTo(key(OpenSslKeys.pkcs8Der(pem, PASSWORD)));
        assertThat(key(Pem.privateKeyDer(pem.replace("\n", "\r\n"), PASSWORD))).as(how + ", CRLF")
            .isEqualTo(key(OpenSslKeys.pkcs8Der(pem, PASSWORD)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("legacyEncrypted")
    void legacyEncryptedKeyWithoutTheRightPasswordNamesThePasswordSetting(String how, String pem) {
        assumeTrue(pem != null, how);
        for (String password : new String[] {"Wrong-Pass-9", null, ""}) {
            IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class,
                () -> Pem.privateKeyDer(pem, password));

            assertThat(e).as(how + ", password " + password).isNotNull();
            assertThat(e.getMessage()).contains(ConnectionFragment.SSLPASSWORD);
            assertNoSecret(e, pem, password);
        }
    }

    @Test
    void anotherLegacyCipherGetsTheConversionCommandAndTheSetting() {
        String headers = "Proc-Type: 4,ENCRYPTED\nDEK-Info: CAMELLIA-256-CBC,4F2A6B0C1D9E8F7A6B5C4D3E2F1A0B9C\n\n";
        String pem = TestKeys.pkcs1Pem(TestKeys.rsa().getPrivate()).replaceFirst("-----\n", "-----\n" + headers);

        IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class,
            () -> Pem.privateKeyDer(pem, PASSWORD));

        assertThat(e.getMessage()).contains("CAMELLIA-256-CBC")
            .contains("openssl pkcs8 -topk8 -v2 aes-256-cbc -in old.key -out new.key")
            .contains(ConnectionFragment.SSLKEY);
        assertNoSecret(e, pem, PASSWORD);
    }

    @Test
    void bytesToKeyIsOpensslsMd5Derivation() throws Exception {
        // openssl enc -aes-256-cbc -md md5 -P -S 0102030405060708 -pass pass:password
        byte[] salt = HexFormat.of().parseHex("0102030405060708");
        String expected = "E7B0971E52CA5CC8D0539FB3412F6316F7BA2E6EE293D9F3457B99436B51CE02";
        byte[] password = "password".getBytes(StandardCharsets.US_ASCII);

        assertThat(HexFormat.of().withUpperCase().formatHex(LegacyPemEncryption.bytesToKey(password, salt, 32)))
            .isEqualTo(expected);
        assertThat(HexFormat.of().withUpperCase().formatHex(LegacyPemEncryption.bytesToKey(password, salt, 24)))
            .isEqualTo(expected.substring(0, 48));
    }

    @Test
    void ecKeyWithoutANamedCurveIsRefusedSayingSo() {
        byte[] d = new byte[32];
        d[31] = 7;
        byte[] noCurve = PrivateKeyInfos.der(0x30, concat(new byte[] {0x02, 0x01, 0x01}, PrivateKeyInfos.der(4, d)));
        byte[] explicit = PrivateKeyInfos.der(0x30, concat(concat(new byte[] {0x02, 0x01, 0x01},
            PrivateKeyInfos.der(4, d)), PrivateKeyInfos.der(0xa0, PrivateKeyInfos.der(0x30, new byte[] {2, 1, 1}))));

        assertThat(catchThrowableOfType(IllegalArgumentException.class,
            () -> Pem.privateKeyDer(TestKeys.pem("EC PRIVATE KEY", noCurve), null))).hasMessageContaining("curve");
        assertThat(catchThrowableOfType(IllegalArgumentException.class,
            () -> Pem.privateKeyDer(TestKeys.pem("EC PRIVATE KEY", explicit), null)))
            .hasMessageContaining("named curves");
    }

    @Test
    void aKeyAfterACertificateIsFoundAndCertificatesAloneAreNamed() {
        PrivateKey key = TestKeys.rsa().getPrivate();

        assertThat(Pem.privateKeyDer(TestKeys.certificatePem() + TestKeys.pkcs1Pem(key), null))
            .isEqualTo(key.getEncoded());
        assertThat(catchThrowableOfType(IllegalArgumentException.class,
            () -> Pem.privateKeyDer(TestKeys.certificatePem(), null)))
            .hasMessage("it holds no private key, only CERTIFICATE blocks");
    }

    /** The key's private value, by which two encodings of one key compare equal. */
    private static Object key(byte[] pkcs8) throws Exception {
        try {
            return ((ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8)))
                .getS();
        } catch (InvalidKeySpecException e) {
            RSAPrivateCrtKey rsa = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            return rsa.getModulus() + "/" + rsa.getPrivateExponent();
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static void assertNoSecret(Throwable e, String pem, String password) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            assertThat(TestKeys.containsKeyMaterial(message, pem)).as(message).isFalse();
            if (password != null && !password.isEmpty()) {
                assertThat(message).doesNotContain(password);
            }
        }
    }
}
