package dev.awssig.cli.internal;

import dev.awssig.Credentials;
import dev.awssig.CredentialsNotFoundException;
import dev.awssig.CredentialsProvider;
import dev.awssig.SigningConfig;
import dev.awssig.SigningOption;
import dev.awssig.internal.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Turns command-line and batch values into signing inputs: time, credentials, region, service, config. */
final class Setup {
    /** The DevPay user token option of the devpay module (options are identified by name). */
    static final SigningOption<String> DEVPAY_USER_TOKEN = SigningOption.secret("devpay.userToken", String.class);
    /** The DevPay product token option of the devpay module. */
    static final SigningOption<String> DEVPAY_PRODUCT_TOKEN = SigningOption.secret("devpay.productToken", String.class);

    /** signer-v2's list of host suffixes under which the first labels name the bucket (S3-compatible endpoints). */
    static final SigningOption<String> SIGV2_VIRTUAL_HOST_SUFFIXES =
            SigningOption.of("sigv2.virtualHostSuffixes", String.class);

    static final String DEFAULT_REGION = "us-east-1";
    static final String DEFAULT_SERVICE = "s3";

    private static final String HOW_TO_SET = "Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN"
            + " for temporary credentials) in the environment, or add them to a profile in ~/.aws/credentials"
            + " and choose it with --profile NAME or AWS_PROFILE.";

    private Setup() {
    }

    /** Parses {@code 20130524T000000Z} or an ISO 8601 instant. */
    static Instant parseTime(String text, String field) {
        String t = text.strip();
        try {
            if (t.indexOf('-') < 0 && t.indexOf(':') < 0) {
                return Timestamps.parseAmzDate(t, field);
            }
            return Timestamps.parseIso8601(t, field);
        } catch (IllegalArgumentException e) {
            throw new UserException(field + ": expected a time like 20130524T000000Z or 2013-05-24T00:00:00Z, was '"
                    + text + "'");
        }
    }

    /** A fixed clock at {@code time}, or the environment's clock when {@code time} is null. */
    static Clock clock(CliEnvironment env, String time, String field) {
        return time == null ? env.clock() : Clock.fixed(parseTime(time, field), ZoneOffset.UTC);
    }

    /**
     * Resolves the credentials once, with a session token override; a failure becomes a message
     * that says which sources were tried and how to set one.
     */
    static Credentials credentials(CliEnvironment env, String profile, String sessionToken) {
        CredentialsProvider provider = env.credentials().provider(profile);
        Credentials c;
        try {
            c = provider.resolveCredentials();
        } catch (CredentialsNotFoundException e) {
            String what = profile == null ? "No AWS credentials found" : "No AWS credentials found for profile '"
                    + profile + "'";
            String detail = Cli.oneLine(e.getMessage());
            if (detail.startsWith("No credentials found. ")) {
                detail = detail.substring("No credentials found. ".length());
            }
            throw new UserException(what + ". " + detail + (detail.endsWith(".") ? " " : ". ") + HOW_TO_SET);
        }
        return withSessionToken(c, sessionToken);
    }

    static Credentials withSessionToken(Credentials c, String sessionToken) {
        if (sessionToken == null) {
            return c;
        }
        if (sessionToken.isBlank()) {
            throw new UserException("--session-token: must not be blank");
        }
        return Credentials.of(c.accessKeyId(), c.secretAccessKey(), sessionToken);
    }

    /** The region: given, else from an AWS host name, else the environment, else us-east-1. */
    static String region(CliEnvironment env, String given, String host) {
        if (given != null) {
            return given;
        }
        String[] inferred = HostNames.regionAndService(host);
        if (inferred != null && inferred[0] != null) {
            return inferred[0];
        }
        return defaultRegion(env);
    }

    static String defaultRegion(CliEnvironment env) {
        String r = env.env().get("AWS_REGION");
        if (r == null || r.isBlank()) {
            r = env.env().get("AWS_DEFAULT_REGION");
        }
        return r == null || r.isBlank() ? DEFAULT_REGION : r.strip();
    }

    /** The service: given, else from an AWS host name, else s3. */
    static String service(String given, String host) {
        if (given != null) {
            return given;
        }
        String[] inferred = HostNames.regionAndService(host);
        if (inferred != null && inferred[1] != null) {
            return inferred[1];
        }
        return DEFAULT_SERVICE;
    }

    static boolean devpay(String userToken, String productToken) {
        return userToken != null || productToken != null;
    }

    static SigningConfig config(Credentials credentials, String region, String service, Clock clock,
                                String devpayUserToken, String devpayProductToken) {
        return config(credentials, region, service, clock, devpayUserToken, devpayProductToken, "--region", "--service");
    }

    static SigningConfig config(Credentials credentials, String region, String service, Clock clock,
                                String devpayUserToken, String devpayProductToken, String regionField,
                                String serviceField) {
        SigningConfig.Builder b = SigningConfig.builder().clock(clock);
        if (credentials != null) {
            b.credentials(credentials);
        }
        if (region != null) { // null: a SigV4a verifier that accepts any region of the request's set
            try {
                b.region(region);
            } catch (IllegalArgumentException e) {
                throw new UserException(regionField + ": " + Cli.oneLine(e.getMessage()));
            }
        }
        try {
            b.service(service);
        } catch (IllegalArgumentException e) {
            throw new UserException(serviceField + ": " + Cli.oneLine(e.getMessage()));
        }
        if (devpayUserToken != null) {
            b.option(DEVPAY_USER_TOKEN, devpayUserToken);
        }
        if (devpayProductToken != null) {
            b.option(DEVPAY_PRODUCT_TOKEN, devpayProductToken);
        }
        return b.build();
    }
}
