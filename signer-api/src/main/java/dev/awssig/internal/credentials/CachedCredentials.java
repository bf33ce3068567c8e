package dev.awssig.internal.credentials;

import dev.awssig.Credentials;
import dev.awssig.CredentialsNotFoundException;
import dev.awssig.CredentialsProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongUnaryOperator;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caches the temporary credentials of a source and refreshes them ahead of their expiry.
 *
 * <ul>
 *   <li>Credentials are fetched at the first call and kept. Credentials without an expiration
 *       are kept for good.</li>
 *   <li>A refresh is due {@link #REFRESH_AHEAD} plus a random jitter of up to {@link #JITTER}
 *       before the expiration (at half the lifetime for credentials that live shorter than
 *       that), so that many processes started together do not call the source together.</li>
 *   <li>One refresh at a time: while a refresh is under way, other threads keep using the
 *       current credentials until {@link #STALE} before their expiration; from then on (or
 *       when there are none) they wait for the refresh.</li>
 *   <li>A refresh that fails while the current credentials are still valid keeps them (logged
 *       at WARN, without any secret) and is tried again after {@link #RETRY_AFTER_FAILURE} (or
 *       half the time they have left); once they have expired the failure is thrown. Threads that
 *       waited for a failed refresh get its failure instead of calling the source again.</li>
 *   <li>A source that hands out credentials that have already expired fails.</li>
 * </ul>
 *
 * <p>The clock is injected. Thread-safe.
 */
public final class CachedCredentials implements CredentialsProvider {
    /** How long before the expiration a refresh is due (before the jitter). */
    public static final Duration REFRESH_AHEAD = Duration.ofMinutes(5);
    /** The largest random extra advance of a refresh. */
    public static final Duration JITTER = Duration.ofMinutes(1);
    /** How long before the expiration every thread waits for a refresh instead of using the current credentials. */
    public static final Duration STALE = Duration.ofMinutes(1);
    /** How long after a failed refresh, with credentials still valid, the next one is tried. */
    public static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(CachedCredentials.class);

    private final String description;
    private final Supplier<Credentials> source;
    private final Clock clock;
    private final LongUnaryOperator jitterMillis;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Entry entry;
    /** Counts finished refresh attempts; written under the lock. */
    private volatile long attempts;
    /** The failure of the last attempt when it left no valid credentials, else null; written under the lock. */
    private volatile RuntimeException lastFailure;

    /**
     * A cache with a random jitter.
     *
     * @param description the source, for {@link #describe()} and log lines
     * @param source fetches fresh credentials; throws {@link CredentialsNotFoundException} on failure
     * @param clock the clock
     */
    public CachedCredentials(String description, Supplier<Credentials> source, Clock clock) {
        this(description, source, clock, max -> max <= 0 ? 0 : ThreadLocalRandom.current().nextLong(max));
    }

    /**
     * A cache with a given jitter (for tests).
     *
     * @param description the source, for {@link #describe()} and log lines
     * @param source fetches fresh credentials
     * @param clock the clock
     * @param jitterMillis given the largest jitter in milliseconds, the jitter to use (0 to it)
     */
    public CachedCredentials(String description, Supplier<Credentials> source, Clock clock,
            LongUnaryOperator jitterMillis) {
        this.description = description;
        this.source = source;
        this.clock = clock;
        this.jitterMillis = jitterMillis;
    }

    /** Cached credentials and when to refresh them. */
    private static final class Entry {
        final Credentials credentials;
        final Instant expiration;
        final Instant nextAttempt;
        final Instant staleAt;

        Entry(Credentials credentials, Instant expiration, Instant nextAttempt, Instant staleAt) {
            this.credentials = credentials;
            this.expiration = expiration;
            this.nextAttempt = nextAttempt;
            this.staleAt = staleAt;
        }

        boolean valid(Instant now) {
            return expiration == null || now.isBefore(expiration);
        }
    }

    @Override
    public Credentials resolveCredentials() {
        Entry e = entry;
        Instant now = clock.instant();
        if (e != null && now.isBefore(e.nextAttempt)) {
            return e.credentials;
        }
        if (e != null && now.isBefore(e.staleAt) && e.valid(now)) {
            // due, not yet stale: one thread refreshes, the others go on with the current credentials
            if (!lock.tryLock()) {
                return e.credentials;
            }
            try {
                return entry == e ? refresh(e, now) : entry.credentials;
            } finally {
                lock.unlock();
            }
        }
        long seen = attempts;
        lock.lock();
        try {
            Entry current = entry;
            now = clock.instant();
            if (current != null && current != e && now.isBefore(current.nextAttempt)) {
                return current.credentials; // refreshed while this thread waited
            }
            RuntimeException failed = lastFailure;
            if (attempts != seen && failed != null) {
                // the refresh this thread waited for failed: do not call the source once per waiting thread
                throw failed instanceof CredentialsNotFoundException
                        ? new CredentialsNotFoundException(failed.getMessage(), failed) : failed;
            }
            return refresh(current, now);
        } finally {
            lock.unlock();
        }
    }

    /** Fetches new credentials; called with the lock held. */
    private Credentials refresh(Entry old, Instant now) {
        try {
            Credentials c = source.get();
            Entry e = entryFor(c, now);
            entry = e;
            lastFailure = null;
            LOG.debug("{}: new credentials {}, refresh due at {}", description, c, e.nextAttempt);
            return c;
        } catch (RuntimeException ex) {
            Instant after = clock.instant();
            if (old != null && old.valid(after)) {
                long half = Duration.between(after, old.expiration).toMillis() / 2;
                Instant retry = after.plusMillis(Math.min(RETRY_AFTER_FAILURE.toMillis(), Math.max(half, 0)));
                entry = new Entry(old.credentials, old.expiration, retry, old.staleAt);
                lastFailure = null;
                LOG.warn("{}: refreshing the credentials failed; keeping the current ones, which expire at {}: {}",
                        description, old.expiration, ex.getMessage());
                return old.credentials;
            }
            lastFailure = ex;
            throw ex;
        } finally {
            attempts++;
        }
    }

    private Entry entryFor(Credentials c, Instant now) {
        Instant expiration = c.expiration().orElse(null);
        if (expiration == null) {
            return new Entry(c, null, Instant.MAX, Instant.MAX);
        }
        if (!now.isBefore(expiration)) {
            throw new CredentialsNotFoundException(description + " returned credentials that expired at " + expiration
                    + " (now " + now + ")");
        }
        long lifetime = Duration.between(now, expiration).toMillis();
        long ahead = REFRESH_AHEAD.toMillis() + jitterMillis.applyAsLong(JITTER.toMillis());
        Instant refreshAt = ahead < lifetime / 2 ? expiration.minusMillis(ahead) : now.plusMillis(lifetime / 2);
        Instant staleAt = expiration.minus(STALE);
        if (staleAt.isBefore(refreshAt)) {
            staleAt = refreshAt;
        }
        return new Entry(c, expiration, refreshAt, staleAt);
    }

    /** How many threads wait for the refresh under way (for tests). */
    int waitingThreads() {
        return lock.getQueueLength();
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public String toString() {
        return "CachedCredentials[" + description + "]";
    }
}
