package io.djinnbot.server.settings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets at rest with AES-256-GCM, stored as base64 of {@code nonce(12) ‖ ciphertext ‖ tag(16)}
 * (the original's format). The key is {@value #KEY_VARIABLE} (64 hex characters) or, when unset, a key
 * generated once into {@code <dataDir>/secret.key} (owner read/write only). Thread-safe.
 */
public final class SecretBox {
    public static final String KEY_VARIABLE = "DJINNBOT_SECRET_KEY";
    static final String KEY_FILE = "secret.key";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    public SecretBox(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("secret key must be 32 bytes, was " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    /** The key from the environment, else from the key file in the data folder (created when missing). */
    public static SecretBox open(Map<String, String> env, Path dataDir) {
        String configured = env.get(KEY_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return new SecretBox(parseHex(configured.strip()));
        }
        Path file = dataDir.resolve(KEY_FILE);
        try {
            if (Files.exists(file)) {
                return new SecretBox(parseHex(Files.readString(file, StandardCharsets.US_ASCII).strip()));
            }
            byte[] fresh = new byte[32];
            RANDOM.nextBytes(fresh);
            Files.createDirectories(dataDir);
            Path temp = Files.createTempFile(dataDir, "secret", ".tmp");
            restrict(temp);
            Files.writeString(temp, HexFormat.of().formatHex(fresh), StandardCharsets.US_ASCII);
            Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return new SecretBox(fresh);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the secret key file " + file, e);
        }
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system (Windows): the user profile folder is private already
        }
    }

    private static byte[] parseHex(String hex) {
        if (hex.length() != 64) {
            throw new IllegalArgumentException(KEY_VARIABLE + " must be 64 hex characters (32 bytes), had "
                    + hex.length() + " characters");
        }
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(KEY_VARIABLE + " must be 64 hex characters (32 bytes)");
        }
    }

    public String encrypt(String plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * Decrypts what {@link #encrypt} produced.
     *
     * @throws IllegalArgumentException when the text is not ours or was encrypted with another key
     */
    public String decrypt(String stored) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(stored);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("stored secret is not base64");
        }
        if (raw.length < NONCE_BYTES + TAG_BITS / 8 + 1) {
            throw new IllegalArgumentException("stored secret is too short to be encrypted data");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 0, NONCE_BYTES));
            return new String(cipher.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new IllegalArgumentException("stored secret does not decrypt with this key (was "
                    + KEY_VARIABLE + " or " + KEY_FILE + " changed?)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }
}
