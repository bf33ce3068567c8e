package dev.awssig.awssdk.internal;

import dev.awssig.Credentials;
import dev.awssig.CredentialsProvider;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * The identity and clock of the sign request being signed on this thread, read by the
 * {@link #CREDENTIALS} provider and the {@link #CLOCK} of the cached awssig signers. The SDK hands
 * both over with each request; routing them through the thread keeps one configured awssig signer
 * per region, service and mode instead of one per request. Set and cleared around each
 * synchronous call to an awssig signer.
 */
public final class CallContext {
    private static final ThreadLocal<CallContext> CURRENT = new ThreadLocal<>();

    /** Credentials of the identity being signed for. */
    public static final CredentialsProvider CREDENTIALS = () -> current("credentials").credentials();

    /** The clock of the request being signed. */
    public static final Clock CLOCK = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return current("clock").clock.instant();
        }
    };

    private static volatile Last last;

    private final AwsCredentialsIdentity identity;
    private final Clock clock;

    private CallContext(AwsCredentialsIdentity identity, Clock clock) {
        this.identity = identity;
        this.clock = clock;
    }

    /**
     * Sets the context of this thread; {@link #exit()} in a {@code finally} clears it.
     *
     * @param identity the identity
     * @param clock the signing clock
     */
    public static void enter(AwsCredentialsIdentity identity, Clock clock) {
        CURRENT.set(new CallContext(identity, clock));
    }

    /** Clears the context of this thread. */
    public static void exit() {
        CURRENT.remove();
    }

    private static CallContext current(String what) {
        CallContext c = CURRENT.get();
        if (c == null) {
            throw new IllegalStateException(what + ": an awssig signer of the SDK adapter was called outside a sign call");
        }
        return c;
    }

    /** The identity as awssig credentials; the last conversion is reused for the same identity object. */
    private Credentials credentials() {
        Last l = last;
        if (l != null && l.identity == identity) {
            return l.credentials;
        }
        String token = identity instanceof AwsSessionCredentialsIdentity
                ? ((AwsSessionCredentialsIdentity) identity).sessionToken() : null;
        Credentials c = Credentials.of(identity.accessKeyId(), identity.secretAccessKey(), token);
        last = new Last(identity, c);
        return c;
    }

    private static final class Last {
        final AwsCredentialsIdentity identity;
        final Credentials credentials;

        Last(AwsCredentialsIdentity identity, Credentials credentials) {
            this.identity = identity;
            this.credentials = credentials;
        }
    }
}
