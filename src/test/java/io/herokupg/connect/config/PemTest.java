/*
 * Copyright 2026 The kafka-connect-heroku-postgres authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.herokupg.connect.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.herokupg.connect.testing.TestKeys;

class PemTest {
    private static final String KEY_PASSWORD = "Pem-Pass-7731";
    private static final PrivateKey KEY = TestKeys.rsa().getPrivate();

    @Test
    void checkCertificatesAcceptsARealCertificate() {
        assertThatCode(() -> Pem.checkCertificates(TestKeys.certificatePem())).doesNotThrowAnyException();
    }

    @Test
    void checkCertificatesAcceptsAChainAndCrlfLineEndings() {
        String chain = TestKeys.otherCertificatePem() + TestKeys.certificatePem();

        assertThatCode(() -> Pem.checkCertificates(chain)).doesNotThrowAnyException();
        assertThatCode(() -> Pem.checkCertificates(chain.replace("\n", "\r\n"))).doesNotThrowAnyException();
    }

    static Stream<Arguments> notCertificates() {
        String cert = TestKeys.certificatePem();
        return Stream.of(
            Arguments.of("garbage", "hello, world"),
            Arguments.of("empty text", ""),
            Arguments.of("a PKCS#8 key", TestKeys.pkcs8Pem(KEY)),
            Arguments.of("an RSA (PKCS#1) key", TestKeys.pkcs1Pem(KEY)),
            Arguments.of("certificate armor around garbage", TestKeys.pem("CERTIFICATE", new byte[] {1, 2, 3, 4})),
            Arguments.of("a truncated certificate", cert.substring(0, cert.length() / 2)
                + "\n-----END CERTIFICATE-----\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notCertificates")
    void checkCertificatesRejectsWhatIsNotACertificate(String what, String text) {
        IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class,
            () -> Pem.checkCertificates(text));

        assertThat(e).as(what).isNotNull();
        assertNoSecret(e, text);
    }

    @Test
    void pkcs8RsaKeyIsReturnedAsItsDer() {
        assertThat(Pem.privateKeyDer(TestKeys.pkcs8Pem(KEY), null)).isEqualTo(KEY.getEncoded());
    }

    @Test
    void pkcs8EcKeyIsAccepted() {
        PrivateKey ec = TestKeys.newEc().getPrivate();

        assertThat(Pem.privateKeyDer(TestKeys.pkcs8Pem(ec), null)).isEqualTo(ec.getEncoded());
    }

    @ParameterizedTest
    @ValueSource(ints = {1024, 2048, 4096})
    void pkcs1RsaKeyBecomesPkcs8DerOfTheSameKey(int bits) throws Exception {
        KeyPair pair = bits == 2048 ? TestKeys.rsa() : TestKeys.newRsa(bits);
        String pem = TestKeys.pkcs1Pem(pair.getPrivate());
        assertThat(pem).startsWith("-----BEGIN RSA PRIVATE KEY-----");

        byte[] der = Pem.privateKeyDer(pem, null);

        PrivateKey loaded = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        assertThat(loaded).isEqualTo(pair.getPrivate());
        assertThat(((RSAPrivateCrtKey) loaded).getModulus())
            .isEqualTo(((RSAPrivateCrtKey) pair.getPrivate()).getModulus());
        assertThat(((RSAPrivateCrtKey) loaded).getPrivateExponent())
            .isEqualTo(((RSAPrivateCrtKey) pair.getPrivate()).getPrivateExponent());
    }

    @Test
    void keyIsFoundAmidCrlfWhitespaceAndTextAroundTheBlock() {
        String pem = "Bag Attributes\n    localKeyID: 01 00 00 00\n" + TestKeys.pkcs1Pem(KEY).replace("\n", "\r\n")
            + "\n\n";

        assertThat(Pem.privateKeyDer(pem, null)).isEqualTo(KEY.getEncoded());
    }

    @Test
    void passwordOfAnUnencryptedKeyIsIgnored() {
        assertThat(Pem.privateKeyDer(TestKeys.pkcs8Pem(KEY), KEY_PASSWORD)).isEqualTo(KEY.getEncoded());
    }

    @Test
    void encryptedKeysWithTheRightPasswordAreReturnedDecrypted() {
        List<byte[]> keys = List.of(TestKeys.encryptedDer(KEY, KEY_PASSWORD), TestKeys.pbes2Der(KEY, KEY_PASSWORD));
        for (byte[] encrypted : keys) {
            byte[] der = Pem.privateKeyDer(TestKeys.pem("ENCRYPTED PRIVATE KEY", encrypted), KEY_PASSWORD);

            assertThat(der).isEqualTo(KEY.getEncoded());
        }
    }

    @Test
    void pbes2TestKeyIsAValidEncryptedKey() throws Exception {
        EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(TestKeys.pbes2Der(KEY, KEY_PASSWORD));
        String scheme = info.getAlgParameters().toString();
        assertThat(info.getAlgName()).isEqualTo("PBES2");
        assertThat(scheme).isEqualTo("PBEWithHmacSHA256AndAES_256");

        Cipher cipher = Cipher.getInstance(scheme);
        cipher.init(Cipher.DECRYPT_MODE, SecretKeyFactory.getInstance(scheme)
            .generateSecret(new PBEKeySpec(KEY_PASSWORD.toCharArray())), info.getAlgParameters());
        assertThat(info.getKeySpec(cipher).getEncoded()).isEqualTo(KEY.getEncoded());
    }

    @Test
    void pbes2EncryptedKeyWithTheRightPasswordIsAccepted() {
        byte[] encrypted = TestKeys.pbes2Der(KEY, KEY_PASSWORD);

        assertThatCode(() -> Pem.privateKeyDer(TestKeys.pem("ENCRYPTED PRIVATE KEY", encrypted), KEY_PASSWORD))
            .doesNotThrowAnyException();
    }

    static Stream<Arguments> wrongPasswords() {
        return Stream.of(
            Arguments.of("PBES1, wrong password", TestKeys.encryptedPem(KEY, KEY_PASSWORD), "Wrong-Pass-1"),
            Arguments.of("PBES1, no password", TestKeys.encryptedPem(KEY, KEY_PASSWORD), null),
            Arguments.of("PBES1, empty password", TestKeys.encryptedPem(KEY, KEY_PASSWORD), ""),
            Arguments.of("PBES2, wrong password", TestKeys.pbes2Pem(KEY, KEY_PASSWORD), "Wrong-Pass-2"),
            Arguments.of("PBES2, no password", TestKeys.pbes2Pem(KEY, KEY_PASSWORD), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongPasswords")
    void encryptedKeyWithoutTheRightPasswordIsRejected(String what, String pem, String password) {
        IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class,
            () -> Pem.privateKeyDer(pem, password));

        assertThat(e).as(what).isNotNull();
        assertThat(e.getMessage()).contains(ConnectionFragment.SSLPASSWORD);
        assertNoSecret(e, pem, password);
    }

    static Stream<Arguments> notKeys() {
        byte[] pkcs8 = KEY.getEncoded();
        return Stream.of(
            Arguments.of("garbage", "not a key at all"),
            Arguments.of("empty text", ""),
            Arguments.of("a certificate", TestKeys.certificatePem()),
            Arguments.of("PKCS#8 bytes in SEC1 armor", TestKeys.pem("EC PRIVATE KEY", TestKeys.newEc().getPrivate()
                .getEncoded())),
            Arguments.of("PKCS#8 armor around garbage", TestKeys.pem("PRIVATE KEY", new byte[] {0x30, 0x03, 2, 1, 0})),
            Arguments.of("a truncated PKCS#8 key", TestKeys.pem("PRIVATE KEY", slice(pkcs8, pkcs8.length / 2))),
            Arguments.of("RSA armor around garbage", TestKeys.pem("RSA PRIVATE KEY", slice(pkcs8, 40))),
            Arguments.of("encrypted armor around garbage", TestKeys.pem("ENCRYPTED PRIVATE KEY", slice(pkcs8, 200))),
            Arguments.of("a key with escaped newlines", TestKeys.pkcs8Pem(KEY).replace("\n", "\\n")),
            Arguments.of("a bare base64 body", Base64.getEncoder().encodeToString(pkcs8)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notKeys")
    void whatIsNotAReadableKeyIsRejectedWithoutRepeatingIt(String what, String text) {
        IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class,
            () -> Pem.privateKeyDer(text, KEY_PASSWORD));

        assertThat(e).as(what).isNotNull();
        assertNoSecret(e, text, KEY_PASSWORD);
    }

    private static byte[] slice(byte[] bytes, int length) {
        byte[] part = new byte[length];
        System.arraycopy(bytes, 0, part, 0, length);
        return part;
    }

    /** Neither the exception nor its causes repeat the key (or any PEM text) or the password. */
    private static void assertNoSecret(Throwable e, String pem, String... passwords) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            assertThat(TestKeys.containsKeyMaterial(message, pem)).as(message).isFalse();
            for (String password : passwords) {
                if (password != null && !password.isEmpty()) {
                    assertThat(message).doesNotContain(password);
                }
            }
        }
    }
}
