package dev.awssig.cli.internal;

import dev.awssig.Credentials;
import dev.awssig.CredentialsLookup;
import dev.awssig.internal.ProfileFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's key store: a file in the {@code ~/.aws/credentials} format, one profile per
 * client ({@code aws_access_key_id}, {@code aws_secret_access_key}, optionally
 * {@code aws_session_token}). Read again when it changes (its modification time or size, looked at
 * no more than once a second): a file that cannot be read or holds a mistake is reported on the
 * log and the keys read before stay in force. Thread-safe.
 */
final class KeysFile implements CredentialsLookup {
    private static final Logger LOG = LoggerFactory.getLogger(KeysFile.class);
    private static final long CHECK_EVERY_NANOS = 1_000_000_000L;

    private final Path file;
    private volatile Snapshot current;
    private volatile long nextCheck;

    private static final class Snapshot {
        final FileTime modified;
        final long size;
        final CredentialsLookup keys;
        final int count;

        Snapshot(FileTime modified, long size, CredentialsLookup keys, int count) {
            this.modified = modified;
            this.size = size;
            this.keys = keys;
            this.count = count;
        }
    }

    private KeysFile(Path file, Snapshot first) {
        this.file = file;
        this.current = first;
        this.nextCheck = System.nanoTime() + CHECK_EVERY_NANOS;
    }

    /**
     * Reads the file.
     *
     * @param file the keys file
     * @return the store
     * @throws UserException if the file cannot be read or holds a mistake
     */
    static KeysFile read(Path file) {
        try {
            return new KeysFile(file, load(file));
        } catch (IOException | RuntimeException e) {
            throw new UserException("--keys " + file + ": " + e.getMessage());
        }
    }

    int size() {
        return current.count;
    }

    private static Snapshot load(Path file) throws IOException {
        FileTime modified = Files.getLastModifiedTime(file);
        long size = Files.size(file);
        Map<String, Map<String, String>> profiles = ProfileFiles.readCredentialsFile(file);
        List<Credentials> entries = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> p : profiles.entrySet()) {
            Map<String, String> v = p.getValue();
            String id = v.get("aws_access_key_id");
            String secret = v.get("aws_secret_access_key");
            if (id == null || secret == null) {
                throw new IllegalArgumentException("profile [" + p.getKey() + "] needs aws_access_key_id and"
                        + " aws_secret_access_key");
            }
            try {
                entries.add(Credentials.of(id, secret, v.get("aws_session_token")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("profile [" + p.getKey() + "]: " + e.getMessage(), e);
            }
        }
        return new Snapshot(modified, size, CredentialsLookup.of(entries), entries.size());
    }

    @Override
    public List<Credentials> credentials(String accessKeyId) {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        long now = System.nanoTime();
        if (now - nextCheck >= 0) {
            nextCheck = now + CHECK_EVERY_NANOS;
            reloadIfChanged();
        }
        return current.keys.credentials(accessKeyId);
    }

    /** Reads the file again if it changed; a bad file leaves the current keys in force. */
    synchronized void reloadIfChanged() {
        Snapshot was = current;
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            if (modified.equals(was.modified) && size == was.size) {
                return;
            }
            Snapshot now = load(file);
            current = now;
            LOG.info("keys file {} read again: {} keys", file, now.count);
        } catch (IOException | RuntimeException e) {
            LOG.warn("keys file {} not read again, the keys read before stay in force: {}", file, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "KeysFile[" + file + ", " + current.count + " keys]";
    }
}
