package dev.awssig.internal.credentials;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** STS answers and form parsing for the fakes. */
final class StsAnswers {
    private StsAnswers() {
    }

    static String credentials(String action, String id, String secret, String token, Instant expiration) {
        return "<" + action + "Response xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n"
                + "  <" + action + "Result>\n"
                + "    <AssumedRoleUser>\n      <Arn>arn:aws:sts::123456789012:assumed-role/demo/s</Arn>\n"
                + "      <AssumedRoleId>AROA3XFRBF535PLBIFPI4:s</AssumedRoleId>\n    </AssumedRoleUser>\n"
                + "    <Credentials>\n      <AccessKeyId>" + id + "</AccessKeyId>\n"
                + "      <SecretAccessKey>" + secret + "</SecretAccessKey>\n"
                + "      <SessionToken>" + token.replace("&", "&amp;") + "</SessionToken>\n"
                + "      <Expiration>" + expiration + "</Expiration>\n    </Credentials>\n"
                + "  </" + action + "Result>\n"
                + "  <ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>\n"
                + "</" + action + "Response>\n";
    }

    static String error(String code, String message) {
        return "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n  <Error>\n    <Type>Sender</Type>\n"
                + "    <Code>" + code + "</Code>\n    <Message>" + message + "</Message>\n  </Error>\n"
                + "  <RequestId>4a8b7c6d-0000-1111-2222-333344445555</RequestId>\n</ErrorResponse>\n";
    }

    static Map<String, String> form(String body) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            m.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return m;
    }
}
