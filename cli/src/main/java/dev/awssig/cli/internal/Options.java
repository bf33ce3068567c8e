package dev.awssig.cli.internal;

import picocli.CommandLine.Option;

/** Option groups shared by the subcommands (picocli mixins). */
final class Options {
    private Options() {
    }

    /** Where and when a request is signed. */
    static final class Scope {
        @Option(names = "--region", paramLabel = "REGION",
                description = "Region to sign for (default: from an AWS host name, else AWS_REGION, AWS_DEFAULT_REGION, us-east-1).")
        String region;

        @Option(names = "--service", paramLabel = "SERVICE",
                description = "Service signing name (default: from an AWS host name, else s3).")
        String service;

        @Option(names = "--time", paramLabel = "TIME",
                description = "Fixed signing time, like 20130524T000000Z or 2013-05-24T00:00:00Z (default: now).")
        String time;
    }

    /** Which credentials. */
    static final class Creds {
        @Option(names = "--profile", paramLabel = "NAME",
                description = "Use this profile of ~/.aws/credentials and ~/.aws/config instead of the default chain.")
        String profile;

        @Option(names = "--session-token", paramLabel = "TOKEN",
                description = "Session token of temporary credentials (overrides the one found with the credentials).")
        String sessionToken;
    }

    /** DevPay tokens. */
    static final class DevPay {
        @Option(names = "--devpay-user-token", paramLabel = "TOKEN",
                description = "DevPay user token (sent as x-amz-security-token).")
        String userToken;

        @Option(names = "--devpay-product-token", paramLabel = "TOKEN",
                description = "DevPay product token (sent as x-amz-security-token).")
        String productToken;
    }

    /** Where the request goes: an s3:// target or a URL. */
    static final class Target {
        @Option(names = "--endpoint", paramLabel = "URL",
                description = "Endpoint of an S3-compatible server for s3:// targets, like http://127.0.0.1:9000"
                        + " (--batch: for the s3:// lines that name none).")
        String endpoint;

        @Option(names = "--path-style",
                description = "Put the bucket in the path (https://host/BUCKET/KEY) instead of the host name"
                        + " (--batch: for the s3:// lines that do not say).")
        boolean pathStyle;
    }
}
