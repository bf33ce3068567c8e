package dev.awssig.internal;

import dev.awssig.Credentials;
import dev.awssig.CredentialsProvider;
import dev.awssig.PresignExpiryPolicy;
import dev.awssig.PresignedUrl;
import dev.awssig.SignableRequest;
import dev.awssig.SigningConfig;
import dev.awssig.SigningException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The presign-outlives-credentials check every presigner of this project applies at its entry
 * point, as {@link PresignExpiryPolicy} describes: it resolves the credentials once, compares
 * their expiration with the URL's, then warns, caps the expiry or refuses, and hands the
 * presigner the very credentials it checked.
 *
 * <p>A presigner whose engine resolves credentials itself builds that engine over
 * {@link #pinned(SigningConfig)}: a provider that answers with the credentials this check
 * resolved, for the thread and the duration of the call. A presigner keeps its {@link Presign}
 * step in a field, so that a presign allocates nothing here. Immutable and thread-safe. Internal:
 * exported only to the sibling modules of this project.
 */
public final class PresignExpiry {
    /** The trusted path into the request model (see {@link ApiAccess}), obtained once. */
    private static final ApiAccess.Bridge BRIDGE = ApiAccess.bridge();
    private static final ThreadLocal<Credentials> PINNED = new ThreadLocal<>();

    private final CredentialsProvider provider;
    private final Clock clock;
    private final PresignExpiryPolicy policy;

    private PresignExpiry(CredentialsProvider provider, Clock clock, PresignExpiryPolicy policy) {
        this.provider = provider;
        this.clock = clock;
        this.policy = policy;
    }

    /**
     * The presign step of a presigner: turns a request into a URL with the given credentials.
     */
    @FunctionalInterface
    public interface Presign {
        /**
         * Presigns.
         *
         * @param request the request
         * @param credentials the credentials to sign with (also pinned, see {@link #pinned})
         * @param expiresIn the (possibly capped) validity
         * @return the presigned URL
         */
        PresignedUrl presign(SignableRequest request, Credentials credentials, Duration expiresIn);
    }

    /**
     * The check for a presigner's config: its credentials provider, clock and
     * {@link PresignExpiryPolicy#OPTION} (default {@link PresignExpiryPolicy#WARN}).
     *
     * @param config the presigner's config
     * @return the check
     * @throws IllegalArgumentException if the config has no credentials provider
     */
    public static PresignExpiry of(SigningConfig config) {
        return new PresignExpiry(config.requireCredentialsProvider(), config.clock(),
                config.option(PresignExpiryPolicy.OPTION, PresignExpiryPolicy.WARN));
    }

    /**
     * A copy of a config whose credentials provider answers, on a thread inside
     * {@link #presign}, with the credentials that call resolved, and otherwise asks the config's
     * own provider.
     *
     * @param config the config
     * @return the config for the presigner's engine
     */
    public static SigningConfig pinned(SigningConfig config) {
        return config.toBuilder().credentialsProvider(new Pinned(config.requireCredentialsProvider())).build();
    }

    /**
     * Resolves the credentials, applies the policy and presigns.
     *
     * @param request the request
     * @param expiresIn the validity the caller asked for (the presigner checks its range)
     * @param presigner the presign step
     * @return the URL, with a warning when the credentials expire first or the expiry was capped
     * @throws SigningException if the policy refuses
     */
    public PresignedUrl presign(SignableRequest request, Duration expiresIn, Presign presigner) {
        Credentials credentials = provider.resolveCredentials();
        Duration validity = expiresIn;
        String warning = null;
        Instant credentialsExpire = credentials.expiration().orElse(null);
        if (credentialsExpire != null && expiresIn != null && !expiresIn.isNegative() && !expiresIn.isZero()) {
            Instant now = clock.instant();
            if (outlives(now, expiresIn, credentialsExpire)) {
                String what = "the credentials (" + credentials.accessKeyId() + ") expire at " + credentialsExpire;
                long left = Duration.between(now, credentialsExpire).getSeconds();
                if (policy == PresignExpiryPolicy.REFUSE || (policy == PresignExpiryPolicy.CAP && left < 1)) {
                    throw new SigningException("presign refused (" + PresignExpiryPolicy.OPTION.name() + "="
                            + policy + "): " + what + (left < 1 ? ", which is now or past" : ", " + left
                            + " s from now") + ", before a URL valid for " + expiresIn + " would expire;"
                            + " presign for less, or with longer-lived credentials");
                }
                if (policy == PresignExpiryPolicy.CAP) {
                    validity = Duration.ofSeconds(left);
                    warning = "expiry capped from " + expiresIn + " to " + validity + " (" + PresignExpiryPolicy.OPTION
                            .name() + "=CAP): " + what;
                } else {
                    warning = what + ", before this URL would (" + describeEnd(now, expiresIn) + "): requests"
                            + " with it fail with ExpiredToken after " + credentialsExpire + "; presign for at most "
                            + Math.max(left, 0) + " s, use longer-lived credentials, or set "
                            + PresignExpiryPolicy.OPTION.name() + " to CAP or REFUSE";
                }
            }
        }
        Credentials previous = PINNED.get();
        PINNED.set(credentials);
        PresignedUrl url;
        try {
            url = presigner.presign(request, credentials, validity);
        } finally {
            // set, not remove: the thread keeps its (empty) entry, so the next presign allocates nothing
            PINNED.set(previous);
        }
        return warning == null ? url : BRIDGE.withWarnings(url, List.of(warning));
    }

    private static boolean outlives(Instant now, Duration expiresIn, Instant credentialsExpire) {
        try {
            return now.plus(expiresIn).isAfter(credentialsExpire);
        } catch (DateTimeException | ArithmeticException e) {
            return true; // beyond any instant
        }
    }

    private static String describeEnd(Instant now, Duration expiresIn) {
        try {
            return "at " + now.plus(expiresIn);
        } catch (DateTimeException | ArithmeticException e) {
            return "in " + expiresIn;
        }
    }

    /** Answers with the credentials pinned on this thread, else asks the real provider. */
    private static final class Pinned implements CredentialsProvider {
        private final CredentialsProvider delegate;

        Pinned(CredentialsProvider delegate) {
            this.delegate = delegate;
        }

        @Override
        public Credentials resolveCredentials() {
            Credentials c = PINNED.get();
            return c != null ? c : delegate.resolveCredentials();
        }

        @Override
        public String describe() {
            return delegate.describe();
        }

        @Override
        public String toString() {
            return delegate.toString();
        }
    }
}
