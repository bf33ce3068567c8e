package dev.awssig.cli.internal;

import dev.awssig.Algorithms;
import dev.awssig.Credentials;
import dev.awssig.Headers;
import dev.awssig.Payload;
import dev.awssig.PresignedUrl;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.SigningConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request to sign or presign, from the command line or from a batch line; field names are
 * the option names (or batch field names) used in messages.
 */
final class Job {
    private static final Logger LOG = LoggerFactory.getLogger(Job.class);

    String method = "GET";
    String url;
    final List<Headers.Header> headers = new ArrayList<>();
    Payload payload = Payload.empty();
    Algorithm algorithm = Algorithm.V4;
    String region;
    /** SigV4a's region set ({@code X-Amz-Region-Set}): regions separated by commas, or {@code *}. */
    String regionSet;
    String service;
    String time;
    String sessionToken;
    String devpayUserToken;
    String devpayProductToken;
    Duration expires = Durations.DEFAULT;
    /** The host of --endpoint, for SigV2's virtual-hosted bucket detection, or null. */
    String endpointHost;
    /** Batch: the S3-compatible endpoint of s3:// urls (--endpoint, or the line's), or null for AWS. */
    String endpoint;
    /** Batch: whether s3:// urls put the bucket in the path (--path-style, or the line's). */
    boolean pathStyle;

    /** Option names (command line) or field names (batch) for messages. */
    String methodField = "--method";
    String urlField = "--url";
    String regionField = "--region";
    String regionSetField = "--region-set";
    String serviceField = "--service";
    String timeField = "--time";
    String expiresField = "--expires";
    String algorithmField = "algorithm";

    private SigningConfig config(CliEnvironment env, Credentials base, SignableRequest request) {
        if (regionSet != null && algorithm != Algorithm.V4A) {
            throw new UserException(regionSetField + ": a region set is for SigV4a only; add " + (regionSetField
                    .startsWith("--") ? "--v4a" : "\"algorithm\":\"v4a\""));
        }
        // SigV4a signs for a region set; without one, for the region (its signer reads a region as a set)
        String reg = regionSet != null ? regionSet : Setup.region(env, region, request.host());
        String svc = Setup.service(service, request.host());
        Clock clock = Setup.clock(env, time, timeField);
        Credentials creds = Setup.withSessionToken(base, sessionToken);
        if (devpay() && creds.sessionToken().isPresent()) {
            throw new UserException("DevPay signs with the product's long-term keys, but the credentials carry a"
                    + " session token (--session-token, AWS_SESSION_TOKEN or aws_session_token in the profile);"
                    + " use long-term credentials with the DevPay tokens");
        }
        SigningConfig config = Setup.config(creds, reg, svc, clock, devpayUserToken, devpayProductToken,
                regionSet != null ? regionSetField : regionField, serviceField);
        if (endpointHost != null) {
            config = config.toBuilder().option(Setup.SIGV2_VIRTUAL_HOST_SUFFIXES, endpointHost).build();
        }
        return config;
    }

    private boolean devpay() {
        return Setup.devpay(devpayUserToken, devpayProductToken);
    }

    SignableRequest request() {
        return Requests.build(method, url, headers, payload, methodField, urlField);
    }

    SignedRequest sign(CliEnvironment env, Credentials base) {
        SignableRequest request = request();
        SigningConfig config = config(env, base, request);
        String name = algorithm.spiName(devpay());
        LOG.debug("signing with {} and {}", name, config);
        SignedRequest signed = signer(env, name, config).sign(request);
        return signed;
    }

    PresignedUrl presign(CliEnvironment env, Credentials base) {
        if (algorithm == Algorithm.V2_QUERY) {
            throw new UserException(algorithmField + ": presign supports v4 and v2 (S3 query-string auth), not v2-query");
        }
        if (algorithm.isSigV4Family()) {
            Durations.checkSigV4(expires, expiresField);
        }
        SignableRequest request = request();
        SigningConfig config = config(env, base, request);
        String name = algorithm.spiName(devpay());
        LOG.debug("presigning with {} and {}", name, config);
        PresignedUrl url;
        try {
            url = env.signers().presigner(name, config).presign(request, expires);
        } catch (IllegalArgumentException e) {
            throw regionSetMistake(e);
        }
        return url;
    }

    private dev.awssig.Signer signer(CliEnvironment env, String name, SigningConfig config) {
        try {
            return env.signers().signer(name, config);
        } catch (IllegalArgumentException e) {
            throw regionSetMistake(e);
        }
    }

    /** SigV4a refuses a region set it cannot parse: say which option held it. */
    private RuntimeException regionSetMistake(IllegalArgumentException e) {
        if (algorithm == Algorithm.V4A && (e.getMessage().startsWith("regions[") || e.getMessage()
                .startsWith("region set"))) {
            return new UserException((regionSet != null ? regionSetField : regionField) + ": "
                    + Cli.oneLine(e.getMessage()) + " (give regions separated by ',' or '*')");
        }
        return e;
    }

    /** Whether an algorithm (or its DevPay decoration) is SigV4 or SigV4a, which have a canonical request. */
    static boolean isSigV4(String algorithmName) {
        return algorithmName != null && (algorithmName.endsWith(Algorithms.SIGV4)
                || algorithmName.endsWith(Algorithms.SIGV4A));
    }
}
