package dev.awssig.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * The inputs every implementation signs, and the published answers. Values are facts from the
 * AWS documentation and the official test suites (see {@code /work/shared/vectors} of the
 * project and {@code benchmarks/README.md} for the sources): the S3 SigV4 examples of
 * "Signature Calculations for the Authorization Header" and "Query String Authentication",
 * the IAM {@code ListUsers} example, the aws-c-auth {@code get-vanilla-with-session-token} case,
 * the S3 REST authentication (SigV2) examples of the Amazon S3 Developer Guide (CC BY-SA 4.0)
 * and the POST-policy examples.
 */
public final class Fixtures {
    private Fixtures() {
    }

    /** Access key id of the S3 documentation examples. */
    public static final String S3_ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    /** Secret of the S3 documentation examples (a documented example value, not a secret). */
    public static final String S3_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    /** Access key id of the aws-c-auth suite and the IAM example. */
    public static final String SUITE_ACCESS_KEY = "AKIDEXAMPLE";
    /** Secret of the aws-c-auth suite and the IAM example (a documented example value). */
    public static final String SUITE_SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    /** The region of every SigV4 example. */
    public static final String REGION = "us-east-1";

    /**
     * The same S3 request signed with SigV4a for the region set {@code *}: its canonical request
     * and string-to-sign prefix, written out from the specification (SigV4's canonical request
     * with {@code x-amz-region-set} signed; scope without a region). No published example exists.
     */
    public static final class GetObjectV4a {
        private GetObjectV4a() {
        }

        /** The region set. */
        public static final String REGION_SET = "*";
        /** Canonical request. */
        public static final String CANONICAL_REQUEST = "GET\n"
                + "/test.txt\n"
                + "\n"
                + "host:examplebucket.s3.amazonaws.com\n"
                + "range:bytes=0-9\n"
                + "x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
                + "x-amz-date:20130524T000000Z\n"
                + "x-amz-region-set:*\n"
                + "\n"
                + "host;range;x-amz-content-sha256;x-amz-date;x-amz-region-set\n"
                + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        /** The string to sign without its last line. */
        public static final String STRING_TO_SIGN_PREFIX = "AWS4-ECDSA-P256-SHA256\n"
                + "20130524T000000Z\n"
                + "20130524/s3/aws4_request\n";
    }

    /** S3 SigV4: GET /test.txt with {@code Range: bytes=0-9} and an empty payload. */
    public static final class GetObject {
        private GetObject() {
        }

        /** Signing time. */
        public static final Instant TIME = Instant.parse("2013-05-24T00:00:00Z");
        /** Host. */
        public static final String HOST = "examplebucket.s3.amazonaws.com";
        /** URI. */
        public static final String URI = "https://" + HOST + "/test.txt";
        /** The Range header. */
        public static final String RANGE = "bytes=0-9";
        /** SHA-256 of the empty payload. */
        public static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        /** Published canonical request. */
        public static final String CANONICAL_REQUEST = "GET\n"
                + "/test.txt\n"
                + "\n"
                + "host:examplebucket.s3.amazonaws.com\n"
                + "range:bytes=0-9\n"
                + "x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
                + "x-amz-date:20130524T000000Z\n"
                + "\n"
                + "host;range;x-amz-content-sha256;x-amz-date\n"
                + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        /** Published string to sign. */
        public static final String STRING_TO_SIGN = "AWS4-HMAC-SHA256\n"
                + "20130524T000000Z\n"
                + "20130524/us-east-1/s3/aws4_request\n"
                + "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972";
        /** Published signature. */
        public static final String SIGNATURE = "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41";
    }

    /** DevPay: a customer's user token (synthetic, of the length and alphabet of real ones). */
    public static final class DevPay {
        private DevPay() {
        }

        /** The user token: {@code {UserToken}} and 180 bytes in Base64 (251 characters). */
        public static final String USER_TOKEN = "{UserToken}" + Base64.getEncoder().encodeToString(pattern(180));

        private static byte[] pattern(int n) {
            byte[] b = new byte[n];
            for (int i = 0; i < n; i++) {
                b[i] = (byte) (i * 37 + 11);
            }
            return b;
        }
    }

    /** S3 SigV4 presigned GET /test.txt, expiring in 86400 s. */
    public static final class Presign {
        private Presign() {
        }

        /** Expiry in seconds. */
        public static final long EXPIRES_SECONDS = 86400;
        /** Published canonical request. */
        public static final String CANONICAL_REQUEST = "GET\n"
                + "/test.txt\n"
                + "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host\n"
                + "host:examplebucket.s3.amazonaws.com\n"
                + "\n"
                + "host\n"
                + "UNSIGNED-PAYLOAD";
        /** Published string to sign. */
        public static final String STRING_TO_SIGN = "AWS4-HMAC-SHA256\n"
                + "20130524T000000Z\n"
                + "20130524/us-east-1/s3/aws4_request\n"
                + "3bfa292879f6447bbcda7001decf97f4a54dc650c8942174ae0a9121cf58ad04";
        /** Published signature. */
        public static final String SIGNATURE = "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";
    }

    /** IAM {@code ListUsers}: a non-S3 request (double URI encoding, path normalisation). */
    public static final class IamListUsers {
        private IamListUsers() {
        }

        /** Signing time. */
        public static final Instant TIME = Instant.parse("2015-08-30T12:36:00Z");
        /** URI. */
        public static final String URI = "https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08";
        /** Host. */
        public static final String HOST = "iam.amazonaws.com";
        /** The Content-Type header. */
        public static final String CONTENT_TYPE = "application/x-www-form-urlencoded; charset=utf-8";
        /** Service. */
        public static final String SERVICE = "iam";
        /** Published canonical request. */
        public static final String CANONICAL_REQUEST = "GET\n"
                + "/\n"
                + "Action=ListUsers&Version=2010-05-08\n"
                + "content-type:application/x-www-form-urlencoded; charset=utf-8\n"
                + "host:iam.amazonaws.com\n"
                + "x-amz-date:20150830T123600Z\n"
                + "\n"
                + "content-type;host;x-amz-date\n"
                + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        /** Published string to sign. */
        public static final String STRING_TO_SIGN = "AWS4-HMAC-SHA256\n"
                + "20150830T123600Z\n"
                + "20150830/us-east-1/iam/aws4_request\n"
                + "f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59";
        /** Published signature. */
        public static final String SIGNATURE = "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";
    }

    /** aws-c-auth {@code get-vanilla-with-session-token}: GET / with a signed session token. */
    public static final class SessionToken {
        private SessionToken() {
        }

        /** Signing time. */
        public static final Instant TIME = Instant.parse("2015-08-30T12:36:00Z");
        /** URI. */
        public static final String URI = "https://example.amazonaws.com/";
        /** Host. */
        public static final String HOST = "example.amazonaws.com";
        /** Service. */
        public static final String SERVICE = "service";
        /** The session token of the vector (an example value). */
        public static final String TOKEN = "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267";
        /** Published canonical request. */
        public static final String CANONICAL_REQUEST = "GET\n"
                + "/\n"
                + "\n"
                + "host:example.amazonaws.com\n"
                + "x-amz-date:20150830T123600Z\n"
                + "x-amz-security-token:6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267\n"
                + "\n"
                + "host;x-amz-date;x-amz-security-token\n"
                + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        /** Published string to sign. */
        public static final String STRING_TO_SIGN = "AWS4-HMAC-SHA256\n"
                + "20150830T123600Z\n"
                + "20150830/us-east-1/service/aws4_request\n"
                + "067b36aa60031588cea4a4cde1f21215227a047690c72247f1d70b32fbbfad2b";
        /** Published signature. */
        public static final String SIGNATURE = "07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8";
    }

    /** S3 SigV4 {@code aws-chunked} PUT of the docs (66560 bytes of 'a', 64 KiB chunks). */
    public static final class Chunked {
        private Chunked() {
        }

        /** Signing time. */
        public static final Instant TIME = Instant.parse("2013-05-24T00:00:00Z");
        /** URI. */
        public static final String URI = "https://s3.amazonaws.com/examplebucket/chunkObject.txt";
        /** Chunk size of the example and of the throughput benchmark. */
        public static final int CHUNK_SIZE = 65536;
        /** Payload length of the example. */
        public static final int DOC_LENGTH = 66560;
        /** Published seed signature. */
        public static final String SEED_SIGNATURE = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9";
        /** Published signature of the first chunk. */
        public static final String CHUNK1_SIGNATURE = "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648";
        /** Published signature of the second chunk. */
        public static final String CHUNK2_SIGNATURE = "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497";
        /** Published signature of the final, empty chunk. */
        public static final String FINAL_SIGNATURE = "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9";
    }

    /** S3 SigV2: GET /photos/puppy.jpg of bucket johnsmith (REST authentication examples). */
    public static final class SigV2Get {
        private SigV2Get() {
        }

        /** Signing time: Tue, 27 Mar 2007 19:36:42 +0000. */
        public static final Instant TIME = Instant.parse("2007-03-27T19:36:42Z");
        /** Host (virtual-hosted bucket). */
        public static final String HOST = "johnsmith.s3.amazonaws.com";
        /** URI. */
        public static final String URI = "https://" + HOST + "/photos/puppy.jpg";
        /** Canonicalized resource. */
        public static final String RESOURCE = "/johnsmith/photos/puppy.jpg";
        /** Published string to sign (Date as the docs print it). */
        public static final String STRING_TO_SIGN = "GET\n\n\nTue, 27 Mar 2007 19:36:42 +0000\n/johnsmith/photos/puppy.jpg";
        /** Published signature. */
        public static final String SIGNATURE = "bWq2s1WEIj+Ydj0vQ697zp+IXMU=";
    }

    /** S3 SigV2 query-string authentication of puppy.jpg, {@code Expires=1175139620}. */
    public static final class SigV2Presign {
        private SigV2Presign() {
        }

        /** The Expires value. */
        public static final Instant EXPIRES = Instant.ofEpochSecond(1175139620L);
        /** A signing time before the expiry (the docs give only the expiry). */
        public static final Instant TIME = Instant.parse("2007-03-27T19:36:42Z");
        /** Published string to sign. */
        public static final String STRING_TO_SIGN = "GET\n\n\n1175139620\n/johnsmith/photos/puppy.jpg";
        /** Published signature. */
        public static final String SIGNATURE = "NpgCjnDzrM+WFzoENXmpNDUsSn8=";
    }

    /** S3 POST policy, SigV4 (bucket sigv4examplebucket, 2015-12-29; CRLF line endings). */
    public static final class PostV4 {
        private PostV4() {
        }

        /**
         * The docs' form: the verbatim policy document and the fields it names.
         *
         * @return the form request
         */
        public static dev.awssig.post.PostFormRequest formRequest() {
            return dev.awssig.post.PostFormRequest.builder().bucket("sigv4examplebucket")
                    .policyDocument(POLICY_JSON)
                    .key("user/user1/${filename}")
                    .field("acl", "public-read")
                    .field("success_action_redirect", "http://sigv4examplebucket.s3.amazonaws.com/successful_upload.html")
                    .field("Content-Type", "image/jpeg")
                    .field("x-amz-meta-uuid", "14365123651274")
                    .field("x-amz-server-side-encryption", "AES256")
                    .field("x-amz-meta-tag", "")
                    .build();
        }

        /** Signing time. */
        public static final Instant TIME = Instant.parse("2015-12-29T00:00:00Z");
        /** The policy, Base64 (this is the string to sign). */
        public static final String POLICY_BASE64 = "eyAiZXhwaXJhdGlvbiI6ICIyMDE1LTEyLTMwVDEyOjAwOjAwLjAwMFoiLA0KICAiY29uZGl0aW9ucyI6IFsNCiAgICB7ImJ1"
                + "Y2tldCI6ICJzaWd2NGV4YW1wbGVidWNrZXQifSwNCiAgICBbInN0YXJ0cy13aXRoIiwgIiRrZXkiLCAidXNlci91c2VyMS8i"
                + "XSwNCiAgICB7ImFjbCI6ICJwdWJsaWMtcmVhZCJ9LA0KICAgIHsic3VjY2Vzc19hY3Rpb25fcmVkaXJlY3QiOiAiaHR0cDov"
                + "L3NpZ3Y0ZXhhbXBsZWJ1Y2tldC5zMy5hbWF6b25hd3MuY29tL3N1Y2Nlc3NmdWxfdXBsb2FkLmh0bWwifSwNCiAgICBbInN0"
                + "YXJ0cy13aXRoIiwgIiRDb250ZW50LVR5cGUiLCAiaW1hZ2UvIl0sDQogICAgeyJ4LWFtei1tZXRhLXV1aWQiOiAiMTQzNjUx"
                + "MjM2NTEyNzQifSwNCiAgICB7IngtYW16LXNlcnZlci1zaWRlLWVuY3J5cHRpb24iOiAiQUVTMjU2In0sDQogICAgWyJzdGFy"
                + "dHMtd2l0aCIsICIkeC1hbXotbWV0YS10YWciLCAiIl0sDQoNCiAgICB7IngtYW16LWNyZWRlbnRpYWwiOiAiQUtJQUlPU0ZP"
                + "RE5ON0VYQU1QTEUvMjAxNTEyMjkvdXMtZWFzdC0xL3MzL2F3czRfcmVxdWVzdCJ9LA0KICAgIHsieC1hbXotYWxnb3JpdGht"
                + "IjogIkFXUzQtSE1BQy1TSEEyNTYifSwNCiAgICB7IngtYW16LWRhdGUiOiAiMjAxNTEyMjlUMDAwMDAwWiIgfQ0KICBdDQp9";
        /** The policy JSON (decoded). */
        public static final String POLICY_JSON = new String(Base64.getDecoder().decode(POLICY_BASE64),
                StandardCharsets.UTF_8);
        /** Published signature. */
        public static final String SIGNATURE = "8afdbf4008c03f22c2cd3cdb72e4afbb1f6a588f3255ac628749a66d7f09699e";
    }

    /** S3 POST policy, SigV2 (file upload of bucket johnsmith; legacy Developer Guide keys). */
    public static final class PostV2 {
        private PostV2() {
        }

        /** Access key id of the 2006 S3 Developer Guide. */
        public static final String ACCESS_KEY = "0PN5J17HBGZHT7JJ3X82";
        /** Secret of the 2006 S3 Developer Guide (a documented example value). */
        public static final String SECRET = "uV3F3YluFJax1cknvbcGwgjvx4QpvB+leU8dUj2o";
        /** A signing time before the policy's expiration. */
        public static final Instant TIME = Instant.parse("2007-11-30T12:00:00Z");
        /** The policy, Base64 (this is the string to sign). */
        public static final String POLICY_BASE64 = "eyAiZXhwaXJhdGlvbiI6ICIyMDA3LTEyLTAxVDEyOjAwOjAwLjAwMFoiLAogICJjb25kaXRpb25zIjogWwogICAgeyJidWNr"
                + "ZXQiOiAiam9obnNtaXRoIn0sCiAgICBbInN0YXJ0cy13aXRoIiwgIiRrZXkiLCAidXNlci9lcmljLyJdLAogICAgeyJhY2wi"
                + "OiAicHVibGljLXJlYWQifSwKICAgIHsic3VjY2Vzc19hY3Rpb25fcmVkaXJlY3QiOiAiaHR0cDovL2pvaG5zbWl0aC5zMy5h"
                + "bWF6b25hd3MuY29tL3N1Y2Nlc3NmdWxfdXBsb2FkLmh0bWwifSwKICAgIFsic3RhcnRzLXdpdGgiLCAiJENvbnRlbnQtVHlw"
                + "ZSIsICJpbWFnZS8iXSwKICAgIHsieC1hbXotbWV0YS11dWlkIjogIjE0MzY1MTIzNjUxMjc0In0sCiAgICBbInN0YXJ0cy13"
                + "aXRoIiwgIiR4LWFtei1tZXRhLXRhZyIsICIiXQogIF0KfQo=";
        /** The policy JSON (decoded). */
        public static final String POLICY_JSON = new String(Base64.getDecoder().decode(POLICY_BASE64),
                StandardCharsets.UTF_8);
        /** Published signature. */
        public static final String SIGNATURE = "0RavWzkygo6QX9caELEqKi9kDbU=";
    }
}
