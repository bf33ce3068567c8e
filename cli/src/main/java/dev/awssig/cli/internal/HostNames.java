package dev.awssig.cli.internal;

import java.util.Locale;

/** Reads the region and service from AWS host names. */
final class HostNames {
    private HostNames() {
    }

    /**
     * The region and signing service named by an AWS host, for example
     * {@code examplebucket.s3.amazonaws.com} gives {@code us-east-1, s3} and
     * {@code ec2.eu-west-1.amazonaws.com} gives {@code eu-west-1, ec2}; a Multi-Region Access Point
     * ({@code <alias>.mrap.accesspoint.s3-global.amazonaws.com}) gives {@code us-east-1, s3} (SigV4a
     * signs it for a region set).
     *
     * @return {region, service}, or null for a host that is not an AWS endpoint
     */
    static String[] regionAndService(String host) {
        if (host == null) {
            return null;
        }
        String h = host.toLowerCase(Locale.ROOT);
        String suffix;
        if (h.endsWith(".amazonaws.com")) {
            suffix = ".amazonaws.com";
        } else if (h.endsWith(".amazonaws.com.cn")) {
            suffix = ".amazonaws.com.cn";
        } else {
            return null;
        }
        String[] labels = h.substring(0, h.length() - suffix.length()).split("\\.");
        for (int i = 0; i < labels.length; i++) {
            String l = labels[i];
            // s3-global: the host of S3 Multi-Region Access Points (<alias>.mrap.accesspoint.s3-global...), signed as s3
            if (l.equals("s3") || l.equals("s3-accelerate") || l.equals("s3-external-1") || l.equals("s3-global")) {
                String region = null;
                for (int j = i + 1; j < labels.length; j++) {
                    if (looksLikeRegion(labels[j])) {
                        region = labels[j];
                        break;
                    }
                }
                return new String[] {region == null ? Setup.DEFAULT_REGION : region, "s3"};
            }
            if (l.startsWith("s3-") && looksLikeRegion(l.substring(3))) {
                return new String[] {l.substring(3), "s3"};
            }
        }
        if (labels.length >= 2 && looksLikeRegion(labels[1])) {
            return new String[] {labels[1], labels[0]};
        }
        if (labels.length >= 2 && looksLikeRegion(labels[0])) {
            return new String[] {labels[0], labels[1]};
        }
        return new String[] {suffix.endsWith(".cn") ? "cn-north-1" : Setup.DEFAULT_REGION, labels[labels.length - 1]};
    }

    static boolean looksLikeRegion(String s) {
        int dash = s.indexOf('-');
        return dash > 0 && dash < s.length() - 1 && dev.awssig.internal.Ascii.isDigit(s.charAt(s.length() - 1));
    }
}
